package org.lyncrunbooks.sqlserver;

import java.util.List;
import java.util.Map;

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
     * {@code RESTORE DATABASE [database] FROM DISK = N'file' WITH CHECKSUM [, MOVE …] [, REPLACE]}. Refuses with
     * {@link SqlTargetNotCleanException} when the target database holds data, unless {@code overrideNonEmpty}.
     *
     * @param locations where the database's files go: each data file into the data folder and each log file into the
     *                  log folder, under the file name it had ({@code WITH MOVE}; a folder left null is the instance's
     *                  default, {@code SERVERPROPERTY('InstanceDefaultDataPath')} / {@code 'InstanceDefaultLogPath'});
     *                  null restores the files to the paths recorded in the backup, which on a rebuilt server often
     *                  do not exist
     */
    void restoreDatabase(SqlStoreRef instance, String database, String backupFile, boolean overrideNonEmpty,
                         FileLocations locations);

    /** A restore to the file paths recorded in the backup (no {@code MOVE}). */
    default void restoreDatabase(SqlStoreRef instance, String database, String backupFile, boolean overrideNonEmpty) {
        restoreDatabase(instance, database, backupFile, overrideNonEmpty, null);
    }

    /**
     * The folders a restore puts a database's data and log files in, as the SQL Server instance sees them (R11: "check
     * the data and log paths": {@code RESTORE … WITH MOVE} to the rebuilt instance's paths).
     *
     * @param dataFolder the data files' folder; null: the instance's default data path
     * @param logFolder  the log files' folder; null: the instance's default log path
     */
    record FileLocations(String dataFolder, String logFolder) {

        public FileLocations {
            dataFolder = dataFolder == null || dataFolder.isBlank() ? null : dataFolder.strip();
            logFolder = logFolder == null || logFolder.isBlank() ? null : logFolder.strip();
        }

        /** The instance's own default data and log paths. */
        public static FileLocations instanceDefaults() {
            return new FileLocations(null, null);
        }
    }

    /** Whether the database is absent, present without user data (freshly created), or holds data. */
    DatabaseState databaseState(SqlStoreRef instance, String database);

    /**
     * The rows of every user table of the database, {@code schema.table} to rows ({@code sys.partitions}, which SQL
     * Server documents as approximate), in name order; empty when the database does not exist. What a DBA compares to
     * see whether anything was written into a database since it was last looked at.
     */
    java.util.SortedMap<String, Long> tableRows(SqlStoreRef instance, String database);

    /** The instance's product version, e.g. {@code 11.0.7001.0} for SQL Server 2012. */
    String productVersion(SqlStoreRef instance);

    /**
     * Makes sure the domain group {@code RTCComponentUniversalServices} is a user of the database with the
     * {@code ServerRole} role (R11 step 4); returns true when it had to be added.
     */
    boolean ensureComponentUniversalServices(SqlStoreRef instance, String database);

    // ------------------------------------------------------------------ restore drills (scratch copies)

    /** {@code RESTORE FILELISTONLY FROM DISK = N'file'}: the database files the backup holds. */
    List<BackupFile> backupFiles(SqlStoreRef instance, String backupFile);

    /**
     * {@code SERVERPROPERTY('InstanceDefaultDataPath')} and {@code ('InstanceDefaultLogPath')}: where new databases'
     * files go; null parts when the instance does not say (SQL Server 2008 R2).
     */
    DefaultPaths defaultPaths(SqlStoreRef instance);

    /**
     * {@code RESTORE DATABASE [scratch] FROM DISK = N'file' WITH MOVE N'logical' TO N'physical', …, CHECKSUM}: a copy
     * of the backup under a scratch name ({@link ScratchDatabases}), every file moved. Refuses a name without the
     * scratch prefix and a scratch database that already exists (it is dropped first, never replaced).
     */
    void restoreScratchCopy(SqlStoreRef instance, String scratchDatabase, String backupFile, List<FileMove> moves);

    /**
     * {@code DBCC CHECKDB ([database]) WITH NO_INFOMSGS, ALL_ERRORMSGS}: the consistency errors it reports, in its
     * own words; an empty list when the database is consistent.
     */
    List<String> checkDatabase(SqlStoreRef instance, String database);

    /** Rows of every user table ({@code schema.table}), from {@code sys.partitions}. */
    Map<String, Long> rowCounts(SqlStoreRef instance, String database);

    /** The scratch databases on the instance: what a drill left behind when none is running. */
    List<String> scratchDatabases(SqlStoreRef instance);

    /**
     * {@code ALTER DATABASE … SET SINGLE_USER WITH ROLLBACK IMMEDIATE}, {@code DROP DATABASE}; only a scratch
     * database, and nothing when it is already gone.
     */
    void dropScratchDatabase(SqlStoreRef instance, String scratchDatabase);

    /** One file of a backup: logical name, type ({@code D} data, {@code L} log), physical name, size in bytes. */
    record BackupFile(String logicalName, String type, String physicalName, long size) {
    }

    /** The instance's default folders for data and log files; a part is null when the instance does not say. */
    record DefaultPaths(String data, String log) {
    }

    /** {@code MOVE N'logicalName' TO N'physicalName'}. */
    record FileMove(String logicalName, String physicalName) {
    }

    /** What a target database holds, for the "restore only onto clean targets" rule (D3). */
    enum DatabaseState {
        ABSENT, EMPTY, HOLDS_DATA
    }
}
