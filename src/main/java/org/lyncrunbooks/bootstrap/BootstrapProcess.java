package org.lyncrunbooks.bootstrap;

/** The API of {@code processes/lync-bootstrap-review.bpmn}: key, element ids, decisions. */
public final class BootstrapProcess {

    /** Business key = the business key of the restored process instance under review (its server, pool or set). */
    public static final String KEY = "lync-bootstrap-review";

    public static final String START_EVENT_INSTANCE_RESTORED = "StartEvent_InstanceRestored";
    public static final String USER_TASK_REVIEW_RESTORED_INSTANCE = "UserTask_ReviewRestoredInstance";
    public static final String SERVICE_TASK_APPLY_REVIEW_DECISION = "ServiceTask_ApplyReviewDecision";
    public static final String END_EVENT_INSTANCE_REVIEWED = "EndEvent_InstanceReviewed";

    public static final String DECISION_CONTINUE = "continue";
    public static final String DECISION_CANCEL = "cancel";

    private BootstrapProcess() {
    }
}
