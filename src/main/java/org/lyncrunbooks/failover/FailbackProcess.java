package org.lyncrunbooks.failover;

/** The API of {@code processes/lync-pool-failback.bpmn}: its key and element ids. */
public final class FailbackProcess {

    public static final String KEY = "lync-pool-failback";

    public static final String START_EVENT_FAILBACK_REQUESTED = "StartEvent_FailbackRequested";
    public static final String SERVICE_TASK_ASSESS_POOL_FAILBACK = "ServiceTask_AssessPoolFailback";
    public static final String SERVICE_TASK_SYNCHRONIZE_BACKUP_SERVICE = "ServiceTask_SynchronizeBackupService";
    public static final String SERVICE_TASK_FAIL_BACK_POOL = "ServiceTask_FailBackPool";
    public static final String SERVICE_TASK_RESYNC_CONFERENCE_CONTENT = "ServiceTask_ResyncConferenceContent";
    public static final String SERVICE_TASK_LOCATE_CENTRAL_MANAGEMENT_STORE = "ServiceTask_LocateCentralManagementStore";
    public static final String GATEWAY_CMS_AWAY_FROM_HOME = "Gateway_CmsAwayFromHome";
    public static final String USER_TASK_DECIDE_CENTRAL_MANAGEMENT_STORE = "UserTask_DecideCentralManagementStore";
    public static final String GATEWAY_CMS_CHOICE = "Gateway_CmsChoice";
    public static final String SERVICE_TASK_FAIL_BACK_CENTRAL_MANAGEMENT_STORE = "ServiceTask_FailBackCentralManagementStore";
    public static final String GATEWAY_CMS_SETTLED = "Gateway_CmsSettled";
    public static final String USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL = "UserTask_ConfirmSignInOnHomePool";
    public static final String END_EVENT_POOL_FAILED_BACK = "EndEvent_PoolFailedBack";
    public static final String GATEWAY_STEP_BLOCKED = "Gateway_StepBlocked";
    /** The same task (and rules) as the failover's: the operator retries the blocked step or stops. */
    public static final String USER_TASK_RESOLVE_BLOCKED_STEP = FailoverProcess.USER_TASK_RESOLVE_BLOCKED_STEP;
    public static final String GATEWAY_RETRY_BLOCKED_STEP = "Gateway_RetryBlockedStep";
    public static final String GATEWAY_RESUME_AT = "Gateway_ResumeAt";
    public static final String END_EVENT_FAILBACK_STOPPED = "EndEvent_FailbackStopped";

    private FailbackProcess() {
    }
}
