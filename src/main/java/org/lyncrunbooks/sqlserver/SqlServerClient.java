package org.lyncrunbooks.sqlserver;

import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The SQL Server actions the runbooks need, on one SQL Server instance of the topology. The production
 * implementation talks T-SQL over mssql-jdbc; the lab farm implements the same contract against its own
 * databases. Every database name is checked against the instance's catalog before it is used in T-SQL.
 *
 * <p>Backup file paths are given as the SQL Server sees them (usually a UNC path under
 * {@code lync.backup.root-unc}).
 */
public interface SqlServerClient {

    /**
     * {@code BACKUP DATABASE [database] TO DISK = N'file' WITH [COPY_ONLY, ]CHECKSUM, INIT}. A backup that is not
     * {@code COPY_ONLY} becomes the base of the database's next differential backups.
     */
    void backupDatabase(SqlStoreRef instance, String database, String backupFile, boolean copyOnly);


    /** {@code RESTORE VERIFYONLY FROM DISK = N'file' WITH CHECKSUM}; throws when the backup is not usable. */
    void verifyBackup(SqlStoreRef instance, String backupFile);

    /**
     * {@code RESTORE DATABASE [database] FROM DISK = N'file' WITH CHECKSUM [, REPLACE]}. Refuses with
     * {@link SqlTargetNotCleanException} when the target database holds data, unless {@code overrideNonEmpty}.
     */
    void restoreDatabase(SqlStoreRef instance, String database, String backupFile, boolean overrideNonEmpty);

    /** Whether the database is absent, present without user data (freshly created), or holds data. */
    DatabaseState databaseState(SqlStoreRef instance, String database);

    /** The instance's product version, e.g. {@code 11.0.7001.0} for SQL Server 2012. */
    String productVersion(SqlStoreRef instance);

    /**
     * Makes sure the domain group {@code RTCComponentUniversalServices} is a user of the database with the
     * {@code ServerRole} role (R11 step 4); returns true when it had to be added.
     */
    boolean ensureComponentUniversalServices(SqlStoreRef instance, String database);

    /** What a target database holds, for the "restore only onto clean targets" rule (D3). */
    enum DatabaseState {
        ABSENT, EMPTY, HOLDS_DATA
    }
}
