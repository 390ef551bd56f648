package org.lyncrunbooks.failover;

/** The API of {@code processes/lync-pool-failover.bpmn}: its key, element ids and error codes. */
public final class FailoverProcess {

    public static final String KEY = "lync-pool-failover";

    public static final String START_EVENT_FAILOVER_REQUESTED = "StartEvent_FailoverRequested";
    public static final String SERVICE_TASK_ASSESS_POOL_FAILOVER = "ServiceTask_AssessPoolFailover";
    public static final String SERVICE_TASK_ASSESS_FAILOVER_SITUATION = "ServiceTask_AssessFailoverSituation";
    public static final String USER_TASK_DECIDE_FAILOVER_OR_REBUILD = "UserTask_DecideFailoverOrRebuild";
    public static final String GATEWAY_FAILOVER_CHOSEN = "Gateway_FailoverChosen";
    public static final String END_EVENT_REBUILD_CHOSEN = "EndEvent_RebuildChosen";
    public static final String SERVICE_TASK_LOCATE_CENTRAL_MANAGEMENT_STORE = "ServiceTask_LocateCentralManagementStore";
    public static final String GATEWAY_CMS_FAILOVER_NEEDED = "Gateway_CmsFailoverNeeded";
    public static final String SERVICE_TASK_FAIL_OVER_CENTRAL_MANAGEMENT_STORE = "ServiceTask_FailOverCentralManagementStore";
    public static final String SERVICE_TASK_CHECK_CENTRAL_MANAGEMENT_STORE = "ServiceTask_CheckCentralManagementStore";
    public static final String GATEWAY_CMS_READY = "Gateway_CmsReady";
    public static final String SERVICE_TASK_REPOINT_EDGE_SERVERS = "ServiceTask_RepointEdgeServers";
    public static final String SERVICE_TASK_FAIL_OVER_POOL = "ServiceTask_FailOverPool";
    public static final String SERVICE_TASK_RESTORE_LIS_INTO_BACKUP_POOL = "ServiceTask_RestoreLisIntoBackupPool";
    public static final String USER_TASK_CONFIRM_SIGN_IN_ON_BACKUP_POOL = "UserTask_ConfirmSignInOnBackupPool";
    public static final String END_EVENT_POOL_FAILED_OVER = "EndEvent_PoolFailedOver";
    public static final String GATEWAY_STEP_BLOCKED = "Gateway_StepBlocked";
    public static final String USER_TASK_RESOLVE_BLOCKED_STEP = "UserTask_ResolveBlockedStep";
    public static final String GATEWAY_RETRY_BLOCKED_STEP = "Gateway_RetryBlockedStep";
    public static final String GATEWAY_RESUME_AT = "Gateway_ResumeAt";
    public static final String END_EVENT_FAILOVER_STOPPED = "EndEvent_FailoverStopped";

    /** A step cannot go on: Microsoft's reason and what to do are in {@code blockReason}. */
    public static final String ERROR_STEP_BLOCKED = "FAILOVER_STEP_BLOCKED";

    private FailoverProcess() {
    }
}
