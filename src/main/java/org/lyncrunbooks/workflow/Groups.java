package org.lyncrunbooks.workflow;

import java.util.List;

/** The application's groups: who does what (docs/operations.md, "Users and groups"). */
public final class Groups {

    /** Deploy, change authorizations, manage users; everything. */
    public static final String ADMINISTRATORS = "lync-administrators";
    /** Start backups and recoveries; work the manual recovery steps and failed-backup reviews. */
    public static final String OPERATORS = "lync-operators";
    /** Install SQL Server, Topology Builder database steps. */
    public static final String DBA = "lync-dba";
    /** Approve data-loss windows and overrides; watch recoveries in Cockpit; read history. */
    public static final String MANAGERS = "lync-managers";

    /** Scrapes the metrics ({@code /actuator/prometheus}) and reads the health details; nothing else. */
    public static final String MONITORING = "lync-monitoring";

    /** Camunda's own administrators group; every member of {@link #ADMINISTRATORS} is also a member. */
    public static final String CAMUNDA_ADMIN = "camunda-admin";

    public static final List<String> ALL = List.of(ADMINISTRATORS, OPERATORS, DBA, MANAGERS, MONITORING);

    private Groups() {
    }

    static String displayName(String group) {
        return switch (group) {
            case ADMINISTRATORS -> "Lync runbooks administrators";
            case OPERATORS -> "Lync operators";
            case DBA -> "Lync database administrators";
            case MANAGERS -> "Lync managers";
            case MONITORING -> "Lync monitoring";
            default -> group;
        };
    }
}
