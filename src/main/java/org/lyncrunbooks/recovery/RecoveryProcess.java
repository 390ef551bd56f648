package org.lyncrunbooks.recovery;

/**
 * The API of {@code processes/lync-server-recovery.bpmn} and of the processes it calls: keys, element ids, errors,
 * forms and groups.
 */
public final class RecoveryProcess {

    public static final String KEY = "lync-server-recovery";

    public static final String START_EVENT_RECOVERY_REQUESTED = "StartEvent_RecoveryRequested";
    public static final String SERVICE_TASK_ASSESS_FAILED_SERVER = "ServiceTask_AssessFailedServer";
    public static final String SERVICE_TASK_VERIFY_RECOVERY_SET = "ServiceTask_VerifyRecoverySet";
    public static final String BOUNDARY_EVENT_RECOVERY_SET_INVALID = "BoundaryEvent_RecoverySetInvalid";
    public static final String USER_TASK_CHOOSE_ANOTHER_BACKUP_SET = "UserTask_ChooseAnotherBackupSet";
    public static final String SERVICE_TASK_CHECK_CHOSEN_BACKUP_SET = "ServiceTask_CheckChosenBackupSet";
    public static final String BOUNDARY_EVENT_CHOSEN_SET_NOT_AVAILABLE = "BoundaryEvent_ChosenSetNotAvailable";
    public static final String GATEWAY_APPROVED_WITH_POOL = "Gateway_ApprovedWithPool";
    public static final String USER_TASK_APPROVE_DATA_LOSS_WINDOW = "UserTask_ApproveDataLossWindow";
    public static final String GATEWAY_DATA_LOSS_APPROVED = "Gateway_DataLossApproved";
    public static final String END_EVENT_RECOVERY_NOT_APPROVED = "EndEvent_RecoveryNotApproved";
    public static final String SERVICE_TASK_CHOOSE_NEXT_PROCEDURE = "ServiceTask_ChooseNextProcedure";
    public static final String GATEWAY_PROCEDURE_LEFT = "Gateway_ProcedureLeft";
    public static final String CALL_ACTIVITY_RUN_RECOVERY_PROCEDURE = "CallActivity_RunRecoveryProcedure";
    public static final String USER_TASK_CONFIRM_SERVICES_AND_SIGN_IN = "UserTask_ConfirmServicesAndSignIn";
    public static final String SERVICE_TASK_WRITE_RECOVERY_REPORT = "ServiceTask_WriteRecoveryReport";
    public static final String USER_TASK_REVIEW_RECOVERY_REPORT = "UserTask_ReviewRecoveryReport";
    public static final String END_EVENT_SERVER_RECOVERED = "EndEvent_ServerRecovered";

    /** The escalation path present in every process with user tasks. */
    public static final String SERVICE_TASK_DESCRIBE_ESCALATION = "ServiceTask_DescribeEscalation";
    public static final String USER_TASK_REVIEW_ESCALATION = "UserTask_ReviewEscalation";
    public static final String END_EVENT_ESCALATION_REVIEWED = "EndEvent_EscalationReviewed";

    public static final String ERROR_BACKUP_SET_INVALID = "BACKUP_SET_INVALID";
    public static final String ERROR_BACKUP_SET_NOT_AVAILABLE = "BACKUP_SET_NOT_AVAILABLE";
    public static final String ERROR_RESTORE_TARGET_NOT_CLEAN = "RESTORE_TARGET_NOT_CLEAN";

    public static final String GROUP_OPERATORS = "lync-operators";
    public static final String GROUP_DBA = "lync-dba";
    public static final String GROUP_MANAGERS = "lync-managers";

    private RecoveryProcess() {
    }

    /**
     * {@code lync-recovery-pool} (R9): several servers of one pool lost — the Back End first, then each Front End, each
     * by its own {@code lync-server-recovery}, the set approved once.
     */
    public static final class Pool {
        public static final String KEY = "lync-recovery-pool";
        public static final String START_EVENT_POOL_RECOVERY_REQUESTED = "StartEvent_PoolRecoveryRequested";
        public static final String SERVICE_TASK_ASSESS_LOST_POOL = "ServiceTask_AssessLostPool";
        public static final String SERVICE_TASK_VERIFY_RECOVERY_SET = "ServiceTask_VerifyRecoverySet";
        public static final String END_EVENT_BACKUP_SET_INVALID = "EndEvent_BackupSetInvalid";
        public static final String USER_TASK_APPROVE_DATA_LOSS_WINDOW = "UserTask_ApproveDataLossWindow";
        public static final String END_EVENT_RECOVERY_NOT_APPROVED = "EndEvent_RecoveryNotApproved";
        public static final String CALL_ACTIVITY_RECOVER_BACK_END = "CallActivity_RecoverBackEnd";
        public static final String CALL_ACTIVITY_RECOVER_FRONT_ENDS = "CallActivity_RecoverFrontEnds";
        public static final String SERVICE_TASK_START_FRONT_END_SERVICES = "ServiceTask_StartFrontEndServices";
        public static final String GATEWAY_RESPONSE_GROUP_LEFT = "Gateway_ResponseGroupLeft";
        public static final String SERVICE_TASK_RESTORE_RESPONSE_GROUP = "ServiceTask_RestoreResponseGroup";
        public static final String END_EVENT_POOL_RECOVERED = "EndEvent_PoolRecovered";

        private Pool() {
        }
    }

    /** {@code lync-recovery-rebuild-server}: clean server with the same FQDN, certificates. */
    public static final class RebuildServer {
        public static final String KEY = "lync-recovery-rebuild-server";
        public static final String USER_TASK_PREPARE_CLEAN_SERVER = "UserTask_PrepareCleanServer";
        public static final String SERVICE_TASK_CHECK_SERVER_IDENTITY = "ServiceTask_CheckServerIdentity";
        public static final String GATEWAY_SERVER_IDENTITY_CONFIRMED = "Gateway_ServerIdentityConfirmed";
        public static final String GATEWAY_CERTIFICATES_NEEDED = "Gateway_CertificatesNeeded";
        public static final String USER_TASK_RESTORE_CERTIFICATES = "UserTask_RestoreCertificates";
        public static final String SERVICE_TASK_CHECK_CERTIFICATE = "ServiceTask_CheckCertificate";
        public static final String END_EVENT_SERVER_REBUILT = "EndEvent_ServerRebuilt";
        public static final String GATEWAY_SERVER_REBUILT = "Gateway_ServerRebuilt";
        public static final String END_EVENT_SERVER_ALREADY_REBUILT = "EndEvent_ServerAlreadyRebuilt";
        public static final String BOUNDARY_EVENT_PREPARE_CLEAN_SERVER_OVERDUE = "BoundaryEvent_PrepareCleanServerOverdue";

        private RebuildServer() {
        }
    }

    /** {@code lync-recovery-install-sql-server}: SQL Server with the same instance names, checked. */
    public static final class InstallSqlServer {
        public static final String KEY = "lync-recovery-install-sql-server";
        public static final String USER_TASK_INSTALL_SQL_SERVER = "UserTask_InstallSqlServer";
        public static final String SERVICE_TASK_CHECK_SQL_SERVER = "ServiceTask_CheckSqlServer";
        public static final String GATEWAY_SQL_SERVER_READY = "Gateway_SqlServerReady";
        public static final String USER_TASK_RESOLVE_SQL_INSTANCE = "UserTask_ResolveSqlInstance";
        public static final String CALL_ACTIVITY_REBUILD_SERVER_AGAIN = "CallActivity_RebuildServerAgain";
        public static final String END_EVENT_SQL_SERVER_INSTALLED = "EndEvent_SqlServerInstalled";
        public static final String GATEWAY_SQL_SERVER_INSTALLED = "Gateway_SqlServerInstalled";
        public static final String END_EVENT_SQL_SERVER_ALREADY_INSTALLED = "EndEvent_SqlServerAlreadyInstalled";

        private InstallSqlServer() {
        }
    }

    /** {@code lync-recovery-restore-file-store}: copy back onto a clean folder, or an approved override. */
    public static final class RestoreFileStore {
        public static final String KEY = "lync-recovery-restore-file-store";
        public static final String SERVICE_TASK_RESTORE_FILE_STORE = "ServiceTask_RestoreFileStore";
        public static final String BOUNDARY_EVENT_FILE_STORE_TARGET_NOT_CLEAN = "BoundaryEvent_FileStoreTargetNotClean";
        public static final String USER_TASK_DECIDE_TARGET_OVERRIDE = "UserTask_DecideTargetOverride";
        public static final String USER_TASK_CLEAN_TARGET = "UserTask_CleanTarget";
        public static final String END_EVENT_FILE_STORE_RESTORED = "EndEvent_FileStoreRestored";

        private RestoreFileStore() {
        }
    }

    /** {@code lync-recovery-restore-databases}: RESTORE DATABASE onto clean databases, or an approved override. */
    public static final class RestoreDatabases {
        public static final String KEY = "lync-recovery-restore-databases";
        public static final String SERVICE_TASK_RESTORE_DATABASES = "ServiceTask_RestoreDatabases";
        public static final String BOUNDARY_EVENT_DATABASE_TARGET_NOT_CLEAN = "BoundaryEvent_DatabaseTargetNotClean";
        public static final String USER_TASK_DECIDE_TARGET_OVERRIDE = "UserTask_DecideTargetOverride";
        public static final String USER_TASK_CLEAN_TARGET = "UserTask_CleanTarget";
        public static final String END_EVENT_DATABASES_RESTORED = "EndEvent_DatabasesRestored";

        private RestoreDatabases() {
        }
    }

    /** {@code lync-recovery-standard-edition} (R3). */
    public static final class StandardEdition {
        public static final String KEY = "lync-recovery-standard-edition";
        public static final String CALL_ACTIVITY_REBUILD_SERVER = "CallActivity_RebuildServer";
        public static final String CALL_ACTIVITY_RESTORE_FILE_STORE = "CallActivity_RestoreFileStore";
        public static final String USER_TASK_DOWNLOAD_TOPOLOGY = "UserTask_DownloadTopology";
        public static final String USER_TASK_RUN_DEPLOYMENT_WIZARD = "UserTask_RunDeploymentWizard";
        public static final String SERVICE_TASK_RESTORE_USER_DATA = "ServiceTask_RestoreUserData";
        public static final String SERVICE_TASK_RESTORE_RESPONSE_GROUP = "ServiceTask_RestoreResponseGroup";
        public static final String END_EVENT_STANDARD_EDITION_SERVER_RESTORED = "EndEvent_StandardEditionServerRestored";

        private StandardEdition() {
        }
    }

    /** {@code lync-recovery-cms-host} (R4). */
    public static final class CmsHost {
        public static final String KEY = "lync-recovery-cms-host";
        public static final String CALL_ACTIVITY_REBUILD_SERVER = "CallActivity_RebuildServer";
        public static final String CALL_ACTIVITY_RESTORE_FILE_STORE = "CallActivity_RestoreFileStore";
        public static final String USER_TASK_PREPARE_FIRST_STANDARD_EDITION_SERVER = "UserTask_PrepareFirstStandardEditionServer";
        public static final String SERVICE_TASK_RECORD_SETUP_DATABASES = "ServiceTask_RecordSetupDatabases";
        public static final String BOUNDARY_EVENT_CMS_TARGET_NOT_CLEAN = "BoundaryEvent_CmsTargetNotClean";
        public static final String USER_TASK_DECIDE_TARGET_OVERRIDE = "UserTask_DecideTargetOverride";
        public static final String USER_TASK_CLEAN_TARGET = "UserTask_CleanTarget";
        public static final String CALL_ACTIVITY_INSTALL_SQL_SERVER = "CallActivity_InstallSqlServer";
        public static final String SERVICE_TASK_INSTALL_CENTRAL_MANAGEMENT_DATABASE = "ServiceTask_InstallCentralManagementDatabase";
        public static final String SERVICE_TASK_SET_CONFIGURATION_STORE_LOCATION = "ServiceTask_SetConfigurationStoreLocation";
        public static final String SERVICE_TASK_IMPORT_CONFIGURATION = "ServiceTask_ImportConfiguration";
        public static final String SERVICE_TASK_ENABLE_TOPOLOGY = "ServiceTask_EnableTopology";
        public static final String USER_TASK_RUN_DEPLOYMENT_WIZARD = "UserTask_RunDeploymentWizard";
        public static final String SERVICE_TASK_INSTALL_CONFIGURED_DATABASES = "ServiceTask_InstallConfiguredDatabases";
        public static final String SERVICE_TASK_RESTORE_USER_DATA = "ServiceTask_RestoreUserData";
        public static final String SERVICE_TASK_RESTORE_LIS_CONFIGURATION = "ServiceTask_RestoreLisConfiguration";
        public static final String SERVICE_TASK_RESTORE_RESPONSE_GROUP = "ServiceTask_RestoreResponseGroup";
        public static final String CALL_ACTIVITY_RESTORE_DATABASES = "CallActivity_RestoreDatabases";
        public static final String END_EVENT_CMS_HOST_RESTORED = "EndEvent_CmsHostRestored";

        private CmsHost() {
        }
    }

    /** {@code lync-recovery-back-end} (R5). */
    public static final class BackEnd {
        public static final String KEY = "lync-recovery-back-end";
        public static final String CALL_ACTIVITY_INSTALL_SQL_SERVER = "CallActivity_InstallSqlServer";
        public static final String SERVICE_TASK_INSTALL_CONFIGURED_DATABASES = "ServiceTask_InstallConfiguredDatabases";
        public static final String SERVICE_TASK_RESTORE_USER_DATA = "ServiceTask_RestoreUserData";
        public static final String CALL_ACTIVITY_RESTORE_DATABASES = "CallActivity_RestoreDatabases";
        public static final String END_EVENT_BACK_END_RESTORED = "EndEvent_BackEndRestored";

        private BackEnd() {
        }
    }

    /** {@code lync-recovery-member-server} (R8). */
    public static final class MemberServer {
        public static final String KEY = "lync-recovery-member-server";
        public static final String SERVICE_TASK_EXPORT_CONFIGURATION_FOR_EDGE = "ServiceTask_ExportConfigurationForEdge";
        public static final String USER_TASK_RUN_DEPLOYMENT_WIZARD = "UserTask_RunDeploymentWizard";
        public static final String END_EVENT_MEMBER_SERVER_RESTORED = "EndEvent_MemberServerRestored";

        private MemberServer() {
        }
    }

    /** {@code lync-recovery-file-store} (R10). */
    public static final class FileStore {
        public static final String KEY = "lync-recovery-file-store";
        public static final String USER_TASK_PREPARE_FILE_SHARE = "UserTask_PrepareFileShare";
        public static final String CALL_ACTIVITY_RESTORE_FILE_STORE = "CallActivity_RestoreFileStore";
        public static final String SERVICE_TASK_ENABLE_TOPOLOGY = "ServiceTask_EnableTopology";
        public static final String END_EVENT_FILE_STORE_RESTORED = "EndEvent_FileStoreRestored";

        private FileStore() {
        }
    }

    /** {@code lync-recovery-monitoring-archiving} (R11). */
    public static final class MonitoringArchiving {
        public static final String KEY = "lync-recovery-monitoring-archiving";
        public static final String SERVICE_TASK_INSTALL_STORE_DATABASES = "ServiceTask_InstallStoreDatabases";
        public static final String CALL_ACTIVITY_RESTORE_DATABASES = "CallActivity_RestoreDatabases";
        public static final String END_EVENT_MONITORING_ARCHIVING_RESTORED = "EndEvent_MonitoringArchivingRestored";

        private MonitoringArchiving() {
        }
    }

    /** {@code lync-recovery-persistent-chat} (R12). */
    public static final class PersistentChat {
        public static final String KEY = "lync-recovery-persistent-chat";
        public static final String SERVICE_TASK_INSTALL_STORE_DATABASES = "ServiceTask_InstallStoreDatabases";
        public static final String CALL_ACTIVITY_RESTORE_DATABASES = "CallActivity_RestoreDatabases";
        public static final String SERVICE_TASK_IMPORT_PERSISTENT_CHAT_DATA = "ServiceTask_ImportPersistentChatData";
        public static final String END_EVENT_PERSISTENT_CHAT_RESTORED = "EndEvent_PersistentChatRestored";

        private PersistentChat() {
        }
    }
}
