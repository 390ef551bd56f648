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

    /** Whether the procedure rebuilds the server (a clean computer with the same FQDN, certificates); R10 does not. */
    public boolean rebuildsServer() {
        return this != FILE_STORE;
    }

    /**
     * Whether SQL Server is on the server once the procedure ran: a DBA installed it (R4 on a Back End, R5, R11, R12)
     * or Lync setup did (R3, R4 on Standard Edition: SQL Server Express); R8 and R10 install none.
     */
    public boolean providesSqlServer() {
        return this != MEMBER_SERVER && this != FILE_STORE;
    }

    /**
     * The order in which the procedures of one server run (R4 before any Back End, the Back End before the Front
     * Ends, as R4 and R9 say; then the file store, R10; then the data restores, R11 and R12): the Central Management
     * store host, the Standard Edition server or Back End, the member server, the file store,
     * then the Archiving/Monitoring and Persistent Chat data.
     */
    public int restoreOrder() {
        return switch (this) {
            case CENTRAL_MANAGEMENT_STORE_HOST -> 0;
            case STANDARD_EDITION -> 1;
            case ENTERPRISE_BACK_END -> 2;
            case MEMBER_SERVER -> 3;
            case FILE_STORE -> 4;
            case MONITORING_ARCHIVING_STORE -> 5;
            case PERSISTENT_CHAT_STORE -> 6;
        };
    }

    /** The procedure whose process has this key. */
    public static java.util.Optional<RecoveryProcedure> ofProcessKey(String key) {
        return java.util.Arrays.stream(values()).filter(p -> p.processKey.equals(key)).findFirst();
    }
}
