package org.lyncrunbooks.topology;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One unit of work of a backup run, derived from the topology by {@link BackupPlanner}. Its
 * {@link #itemId()} is deterministic, so a re-run recognises work already done, and its {@link #target()}
 * is the path inside the backup set (docs/backup-share.md).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BackupItem.CsConfiguration.class, name = "cs-configuration"),
        @JsonSubTypes.Type(value = BackupItem.CsLisConfiguration.class, name = "cs-lis-configuration"),
        @JsonSubTypes.Type(value = BackupItem.CsUserData.class, name = "cs-user-data"),
        @JsonSubTypes.Type(value = BackupItem.CsRgsConfiguration.class, name = "cs-rgs-configuration"),
        @JsonSubTypes.Type(value = BackupItem.CsPersistentChatData.class, name = "cs-persistent-chat-data"),
        @JsonSubTypes.Type(value = BackupItem.SqlServerDatabase.class, name = "sqlserver-database"),
        @JsonSubTypes.Type(value = BackupItem.FileStoreTree.class, name = "file-store"),
        @JsonSubTypes.Type(value = BackupItem.OrchestratorDatabase.class, name = "orchestrator-database")
})
public sealed interface BackupItem {

    String itemId();

    /** The item kind as written in the manifest ({@code cs-user-data}, {@code sqlserver-database}, …). */
    String kind();

    /** Where the data comes from, for people reading the manifest. */
    String source();

    /** The tool that takes the backup, for people reading the manifest. */
    String tool();

    /** The file or folder inside the set that this item writes, with {@code /} separators. */
    String target();

    /** Export-CsConfiguration from the Central Management store (xds: topology, policies, settings). */
    record CsConfiguration(String poolFqdn, SqlStoreRef store) implements BackupItem {
        public String itemId() { return "cms:configuration"; }
        public String kind() { return "cs-configuration"; }
        public String source() { return store.display() + "/xds"; }
        public String tool() { return "Export-CsConfiguration"; }
        public String target() { return "cms/CsConfiguration.zip"; }
    }

    /** Export-CsLisConfiguration (E9-1-1 Location Information service data in the CMS). */
    record CsLisConfiguration(String poolFqdn, SqlStoreRef store) implements BackupItem {
        public String itemId() { return "cms:lis"; }
        public String kind() { return "cs-lis-configuration"; }
        public String source() { return store.display() + "/lis"; }
        public String tool() { return "Export-CsLisConfiguration"; }
        public String target() { return "cms/LisConfiguration.zip"; }
    }

    /** Export-CsUserData of one Front End pool or Standard Edition server (rtcxds). */
    record CsUserData(String poolFqdn, SqlStoreRef store) implements BackupItem {
        public String itemId() { return "userdata:" + poolFqdn; }
        public String kind() { return "cs-user-data"; }
        public String source() { return store.display() + "/rtcxds"; }
        public String tool() { return "Export-CsUserData -PoolFqdn " + poolFqdn; }
        public String target() { return "userdata/" + poolFqdn + ".zip"; }
    }

    /** Export-CsRgsConfiguration of one pool running Response Group (rgsconfig). */
    record CsRgsConfiguration(String poolFqdn, SqlStoreRef store) implements BackupItem {
        public String itemId() { return "rgs:" + poolFqdn; }
        public String kind() { return "cs-rgs-configuration"; }
        public String source() { return store.display() + "/rgsconfig"; }
        public String tool() { return "Export-CsRgsConfiguration -Source ApplicationServer:" + poolFqdn; }
        public String target() { return "rgs/" + poolFqdn + ".zip"; }
    }

    /** Export-CsPersistentChatData of one Persistent Chat pool's mgc database. */
    record CsPersistentChatData(String poolFqdn, SqlStoreRef store) implements BackupItem {
        public String itemId() { return "persistentchat:" + poolFqdn; }
        public String kind() { return "cs-persistent-chat-data"; }
        public String source() { return store.display() + "/mgc"; }
        public String tool() { return "Export-CsPersistentChatData -DBInstance " + store.display(); }
        public String target() { return "persistentchat/" + poolFqdn + ".zip"; }
    }

    /** A SQL Server full backup of one database (LcsLog, LcsCDR, QoEMetrics, or mgc when backed up by SQL). */
    record SqlServerDatabase(SqlStoreRef store, String database) implements BackupItem {
        public String itemId() { return "sql:" + store.folderName() + ":" + database; }
        public String kind() { return "sqlserver-database"; }
        public String source() { return store.display() + "/" + database; }
        public String tool() { return "BACKUP DATABASE … WITH CHECKSUM"; }
        public String target() { return "sql/" + store.folderName() + "/" + database + ".bak"; }
    }

    /** A copy of one file store tree, without Meeting.Active files. */
    record FileStoreTree(String name, String unc, String mountPath) implements BackupItem {
        public String itemId() { return "filestore:" + name; }
        public String kind() { return "file-store"; }
        public String source() { return unc; }
        public String tool() { return "streamed copy with SHA-256, skipping Meeting.Active"; }
        public String target() { return "filestore/" + name; }
    }

    /** This application's own engine database: history is the audit trail of every backup and recovery. */
    record OrchestratorDatabase() implements BackupItem {
        public String itemId() { return "orchestrator:engine"; }
        public String kind() { return "orchestrator-database"; }
        public String source() { return "lync-runbooks engine database"; }
        public String tool() { return "H2 BACKUP TO / pg_dump -Fc / BACKUP DATABASE, by engine database"; }
        public String target() { return "orchestrator"; }
    }
}
