package org.lyncrunbooks.workflow;

import java.time.Instant;
import java.util.List;

/**
 * What happened in a process that people outside Tasklist should hear of, delivered to every bean implementing this
 * interface by {@link ProcessSignalsPlugin} <em>after</em> the engine transaction that made it happen has committed
 * (a step that rolls back signals nothing), on the thread that committed it: implementations hand the work to a
 * thread of their own and return at once, and never throw.
 *
 * <p>Which elements signal is said in the BPMN, so that a new runbook is covered without code: every incident
 * signals {@link IncidentRaised}, every user task {@link TaskCreated}; a start event, end event or user task with the extension property
 * {@code <camunda:property name="lync.signal" value="…"/>} ({@link Kind}) signals that kind — one line per element.
 */
public interface ProcessSignals {

    /** The BPMN extension property that marks an element. */
    String PROPERTY = "lync.signal";

    /** A user task was created; {@code escalation} when its element is marked {@code escalation}. */
    default void taskCreated(TaskCreated task) {
    }

    /** A marked start or end event was reached. */
    default void processSignal(ProcessSignal signal) {
    }

    /** A job or an external task ran out of retries: the run stands still until someone resolves the incident. */
    default void incidentRaised(IncidentRaised incident) {
    }

    /** The values of {@link #PROPERTY}. */
    enum Kind {
        /** on a start event: a run began (managers hear of recoveries and failovers starting) */
        STARTED,
        /** on an end event: the run reached its goal */
        SUCCEEDED,
        /** on an end event: the run ended without reaching its goal (abandoned, not approved, failed) */
        FAILED,
        /** on a user task: the task is an escalation */
        ESCALATION;

        /** The kind named by a property value ({@code failed}), or null for an unknown value. */
        static Kind of(String value) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * A user task that appeared.
     *
     * @param taskName        its name as Tasklist shows it (with the process's subject)
     * @param candidateGroups the groups that may work it
     * @param escalation      whether its element is marked {@code escalation}
     */
    record TaskCreated(String taskId, String taskName, String taskDefinitionKey, String processDefinitionKey,
                       String processDefinitionName, String processInstanceId, String businessKey,
                       List<String> candidateGroups, boolean escalation, Instant createdAt) {
    }

    /** An incident (a failed job or external task after its retries) and where the run stands. */
    record IncidentRaised(String incidentId, String processDefinitionKey, String processDefinitionName,
                          String processInstanceId, String businessKey, String activityId, String activityName, Instant at) {
    }

    /**
     * A marked start or end event that was reached.
     *
     * @param startedAt when the process instance started (for durations)
     */
    record ProcessSignal(Kind kind, String processDefinitionKey, String processDefinitionName, String processInstanceId,
                         String businessKey, String activityId, String activityName, Instant startedAt, Instant at) {
    }
}
