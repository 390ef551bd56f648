package org.lyncrunbooks.drift;

/** The API of {@code processes/lync-topology-drift.bpmn}: key, element ids, form, group and decision. */
public final class TopologyDriftProcess {

    public static final String KEY = "lync-topology-drift";

    public static final String START_EVENT_TOPOLOGY_CHANGED = "StartEvent_TopologyChanged";
    public static final String USER_TASK_UPDATE_TOPOLOGY_FILE = "UserTask_UpdateTopologyFile";
    public static final String END_EVENT_TOPOLOGY_CHANGE_HANDLED = "EndEvent_TopologyChangeHandled";

    public static final String FORM_UPDATE_TOPOLOGY_FILE = "update-topology-file";

    public static final String GROUP_OPERATORS = "lync-operators";

    /** The one answer of the task: the topology file was updated (or the change was otherwise dealt with). */
    public static final String DECISION_HANDLED = "handled";

    private TopologyDriftProcess() {
    }
}
