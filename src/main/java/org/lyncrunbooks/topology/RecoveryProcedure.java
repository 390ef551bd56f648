package org.lyncrunbooks.topology;

/**
 * Microsoft's restore procedures for a failed server (R2 "What to restore"), each run by its own
 * BPMN process.
 */
public enum RecoveryProcedure {
    STANDARD_EDITION("R3", "Restoring a Standard Edition server", "lync-recovery-standard-edition"),
    CENTRAL_MANAGEMENT_STORE_HOST("R4", "Restoring the server hosting the Central Management store", "lync-recovery-cms-host"),
    ENTERPRISE_BACK_END("R5", "Restoring an Enterprise Edition Back End Server", "lync-recovery-back-end"),
    MEMBER_SERVER("R8", "Restoring an Enterprise Edition member server", "lync-recovery-member-server"),
    FILE_STORE("R10", "Restoring a file store", "lync-recovery-file-store"),
    MONITORING_ARCHIVING_STORE("R11", "Restoring monitoring or archiving data", "lync-recovery-monitoring-archiving"),
    PERSISTENT_CHAT_STORE("R12", "Restoring Persistent Chat data", "lync-recovery-persistent-chat");

    private final String code;
    private final String title;
    private final String processKey;

    RecoveryProcedure(String code, String title, String processKey) {
        this.code = code;
        this.title = title;
        this.processKey = processKey;
    }

    /** Microsoft's page, as tagged in the domain brief: R3, R4, … */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The key of the BPMN process that runs this procedure. */
    public String processKey() {
        return processKey;
    }
}
