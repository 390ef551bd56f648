package org.lyncrunbooks.failover;

/** The API of {@code processes/lync-recovery-mirror.bpmn}: its key, element ids and error code. */
public final class MirrorRecoveryProcess {

    public static final String KEY = "lync-recovery-mirror";

    public static final String START_EVENT_MIRROR_RECOVERY_REQUESTED = "StartEvent_MirrorRecoveryRequested";
    public static final String SERVICE_TASK_ASSESS_MIRRORED_BACK_END = "ServiceTask_AssessMirroredBackEnd";
    public static final String SERVICE_TASK_READ_MIRROR_STATE = "ServiceTask_ReadMirrorState";
    public static final String GATEWAY_DATABASE_FAILOVER_NEEDED = "Gateway_DatabaseFailoverNeeded";
    public static final String SERVICE_TASK_FAIL_OVER_DATABASES = "ServiceTask_FailOverDatabases";
    public static final String GATEWAY_SURVIVING_SIDE_PRINCIPAL = "Gateway_SurvivingSidePrincipal";
    public static final String SERVICE_TASK_CHECK_SURVIVING_PRINCIPAL = "ServiceTask_CheckSurvivingPrincipal";
    public static final String SERVICE_TASK_UNINSTALL_MIRROR = "ServiceTask_UninstallMirror";
    public static final String USER_TASK_REBUILD_LOST_SQL_SERVER = "UserTask_RebuildLostSqlServer";
    public static final String SERVICE_TASK_CHECK_REBUILT_SQL_SERVER = "ServiceTask_CheckRebuiltSqlServer";
    public static final String GATEWAY_REBUILT_SQL_SERVER_CLEAN = "Gateway_RebuiltSqlServerClean";
    public static final String SERVICE_TASK_INSTALL_MIRROR = "ServiceTask_InstallMirror";
    public static final String SERVICE_TASK_CHECK_MIRROR_SYNCHRONIZED = "ServiceTask_CheckMirrorSynchronized";
    public static final String GATEWAY_MIRROR_SYNCHRONIZED = "Gateway_MirrorSynchronized";
    public static final String TIMER_WAIT_FOR_SYNCHRONIZATION = "TimerEvent_WaitForSynchronization";
    public static final String END_EVENT_MIRROR_REESTABLISHED = "EndEvent_MirrorReestablished";
    public static final String GATEWAY_STEP_BLOCKED = "Gateway_StepBlocked";
    public static final String USER_TASK_RESOLVE_BLOCKED_STEP = "UserTask_ResolveBlockedStep";
    public static final String GATEWAY_RETRY_BLOCKED_STEP = "Gateway_RetryBlockedStep";
    public static final String GATEWAY_RESUME_AT = "Gateway_ResumeAt";
    public static final String END_EVENT_MIRROR_RECOVERY_STOPPED = "EndEvent_MirrorRecoveryStopped";

    /** A step cannot go on: Microsoft's reason and what to do are in {@code blockReason}. */
    public static final String ERROR_STEP_BLOCKED = FailoverProcess.ERROR_STEP_BLOCKED;

    private MirrorRecoveryProcess() {
    }
}
