package org.lyncrunbooks.topology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Lync Server 2013 databases a SQL store may hold, with how Microsoft says each one is protected
 * (D1, D2, D16).
 */
public enum LyncDatabase {
    XDS("xds", Protection.CMDLET_EXPORT, "exported by Export-CsConfiguration"),
    LIS("lis", Protection.CMDLET_EXPORT, "exported by Export-CsLisConfiguration"),
    RTCXDS("rtcxds", Protection.CMDLET_EXPORT, "exported by Export-CsUserData"),
    RGSCONFIG("rgsconfig", Protection.CMDLET_EXPORT, "exported by Export-CsRgsConfiguration"),
    RTCSHARED("rtcshared", Protection.NOT_BACKED_UP,
            "conference directory; its conference IDs are exported by Export-CsUserData (D2)"),
    RTCDYN("rtcdyn", Protection.NOT_BACKED_UP,
            "transient user data (endpoints, subscriptions, conference state); rebuilt by the pool (D1)"),
    RTCAB("rtcab", Protection.NOT_BACKED_UP, "Address Book; rebuilt automatically from AD DS (D1)"),
    RTCAB1("rtcab1", Protection.NOT_BACKED_UP, "Address Book; rebuilt automatically from AD DS (D1)"),
    CPSDYN("cpsdyn", Protection.NOT_BACKED_UP, "transient Call Park runtime data (D1)"),
    RGSDYN("rgsdyn", Protection.NOT_BACKED_UP,
            "transient Response Group runtime data (agent sign-in state, calls waiting) (D1)"),
    LCSLOG("LcsLog", Protection.SQL_BACKUP, "Archiving database: SQL Server full backup (D13)"),
    LCSCDR("LcsCDR", Protection.SQL_BACKUP, "Monitoring call detail records: SQL Server full backup (D13)"),
    QOEMETRICS("QoEMetrics", Protection.SQL_BACKUP, "Monitoring Quality of Experience: SQL Server full backup (D13)"),
    MGC("mgc", Protection.PERSISTENT_CHAT,
            "Persistent Chat: Export-CsPersistentChatData or SQL Server full backup, as the pool is configured (D14)"),
    MGCCOMP("mgccomp", Protection.NOT_BACKED_UP,
            "transient Persistent Chat compliance data, drained by the compliance adapter (D1, D16)");

    private final String databaseName;
    private final Protection protection;
    private final String reason;

    LyncDatabase(String databaseName, Protection protection, String reason) {
        this.databaseName = databaseName;
        this.protection = protection;
        this.reason = reason;
    }

    /** The database name as SQL Server knows it. */
    public String databaseName() {
        return databaseName;
    }

    public Protection protection() {
        return protection;
    }

    /** Why the database is protected the way it is; shown in the manifest for excluded databases. */
    public String reason() {
        return reason;
    }

    static Optional<LyncDatabase> fromName(String name) {
        return Arrays.stream(values()).filter(d -> d.databaseName.equalsIgnoreCase(name)).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(LyncDatabase::databaseName).collect(Collectors.joining(", "));
    }

    /** How a database is protected. */
    public enum Protection {
        /** Backed up by a Management Shell export cmdlet, not by SQL Server. */
        CMDLET_EXPORT,
        /** Backed up by a SQL Server full backup. */
        SQL_BACKUP,
        /** Backed up as the Persistent Chat pool says (export or SQL). */
        PERSISTENT_CHAT,
        /** Transient or regenerated: not backed up, listed in the manifest with the reason. */
        NOT_BACKED_UP
    }
}
