package org.lyncrunbooks.backup;

/** The API of {@code processes/lync-backup-cycle.bpmn}: key, element ids, topic, errors, forms and groups. */
public final class BackupProcess {

    public static final String KEY = "lync-backup-cycle";

    /** {@code processes/lync-backup-schedule.bpmn}: the timer that calls this process on the schedule. */
    public static final String SCHEDULE_KEY = "lync-backup-schedule";
    public static final String SCHEDULE_START_EVENT_DUE = "StartEvent_BackupScheduleDue";
    public static final String SCHEDULE_CALL_ACTIVITY_RUN_BACKUP_CYCLE = "CallActivity_RunBackupCycle";

    public static final String START_EVENT_REQUESTED = "StartEvent_BackupRequested";
    public static final String SERVICE_TASK_ADMIT_BACKUP_RUN = "ServiceTask_AdmitBackupRun";
    public static final String GATEWAY_RUN_IN_PROGRESS = "Gateway_RunInProgress";
    public static final String END_EVENT_JOINED_RUN_IN_PROGRESS = "EndEvent_JoinedRunInProgress";
    public static final String GATEWAY_RUN_STARTED = "Gateway_RunStarted";
    public static final String SERVICE_TASK_PREPARE_BACKUP_SET = "ServiceTask_PrepareBackupSet";
    public static final String BOUNDARY_EVENT_BACKUP_SHARE_UNAVAILABLE = "BoundaryEvent_BackupShareUnavailable";
    /** The lanes: a parallel multi-instance over {@code laneCount}, each lane its items one after the other. */
    public static final String SUB_PROCESS_BACK_UP_ITEMS = "SubProcess_BackUpItems";
    public static final String START_EVENT_LANE_STARTED = "StartEvent_LaneStarted";
    /** One item: an external task, a sequential multi-instance over the items of its lane. */
    public static final String SERVICE_TASK_BACK_UP_ITEM = "ServiceTask_BackUpItem";
    public static final String END_EVENT_LANE_FINISHED = "EndEvent_LaneFinished";
    public static final String SERVICE_TASK_ASSESS_BACKUP_ITEMS = "ServiceTask_AssessBackupItems";
    public static final String GATEWAY_ALL_ITEMS_SUCCEEDED = "Gateway_AllItemsSucceeded";
    public static final String SERVICE_TASK_WRITE_MANIFEST = "ServiceTask_WriteManifest";
    public static final String BOUNDARY_EVENT_MANIFEST_SHARE_UNAVAILABLE = "BoundaryEvent_ManifestShareUnavailable";
    public static final String SERVICE_TASK_VERIFY_BACKUP_SET = "ServiceTask_VerifyBackupSet";
    public static final String BOUNDARY_EVENT_VERIFICATION_FAILED = "BoundaryEvent_VerificationFailed";
    public static final String SERVICE_TASK_PUBLISH_BACKUP_SET = "ServiceTask_PublishBackupSet";
    public static final String SERVICE_TASK_APPLY_RETENTION = "ServiceTask_ApplyRetention";
    /** Checks the farm's published topology against the topology file once the set is published (never fails the run). */
    public static final String SERVICE_TASK_CHECK_FARM_TOPOLOGY = "ServiceTask_CheckFarmTopology";
    public static final String END_EVENT_BACKUP_PUBLISHED = "EndEvent_BackupPublished";
    public static final String GATEWAY_PROBLEM_FOUND = "Gateway_ProblemFound";
    public static final String USER_TASK_REVIEW_FAILED_BACKUP = "UserTask_ReviewFailedBackup";
    public static final String GATEWAY_RETRY_FAILED_ITEMS = "Gateway_RetryFailedItems";
    public static final String SERVICE_TASK_ABANDON_BACKUP_SET = "ServiceTask_AbandonBackupSet";
    public static final String END_EVENT_BACKUP_ABANDONED = "EndEvent_BackupAbandoned";

    /** External-task topic of {@link #SERVICE_TASK_BACK_UP_ITEM}. */
    public static final String TOPIC_BACKUP_ITEM = "lync-backup-item";

    public static final String ERROR_BACKUP_SHARE_UNAVAILABLE = "BACKUP_SHARE_UNAVAILABLE";
    public static final String ERROR_BACKUP_VERIFICATION_FAILED = "BACKUP_VERIFICATION_FAILED";

    public static final String FORM_START_BACKUP_CYCLE = "start-backup-cycle";
    public static final String FORM_REVIEW_FAILED_BACKUP = "review-failed-backup";

    public static final String GROUP_OPERATORS = "lync-operators";

    public static final String DECISION_RETRY = "retry";
    public static final String DECISION_ABANDON = "abandon";

    private BackupProcess() {
    }
}
