package org.lyncrunbooks.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.topology.SqlStoreRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link SqlServerClient}: T-SQL over mssql-jdbc, one connection to {@code master} per call.
 *
 * <p>A database name is never put into T-SQL as the caller wrote it: it is first looked up in
 * {@code sys.databases} as a bound parameter, and the name the server returns is the one quoted with
 * {@link TSql#quoteName(String)}. Checks inside a database use three-part names ({@code [db].sys.tables}), so
 * the connection's database never changes.
 */
public class JdbcSqlServerClient implements SqlServerClient {

    static final String FIND_DATABASE = "SELECT name FROM sys.databases WHERE name = ?";
    static final String PRODUCT_VERSION = "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128))";
    static final String FIND_SCRATCH_DATABASES = "SELECT name FROM sys.databases WHERE name LIKE ? ESCAPE '\\' ORDER BY name";

    private static final Logger log = LoggerFactory.getLogger(JdbcSqlServerClient.class);

    private final SqlConnectionFactory connections;
    private final SqlProperties properties;

    public JdbcSqlServerClient(SqlConnectionFactory connections, SqlProperties properties) {
        this.connections = connections;
        this.properties = properties;
    }

    @Override
    public void backupDatabase(SqlStoreRef instance, String database, String backupFile, boolean copyOnly) {
        TSql.requireValidName(database);
        TSql.verifyOnly(backupFile);
        withConnection(instance, "backup of " + TSql.quoteName(database), connection -> {
            String name = existingDatabase(connection, instance, database);
            String action = "backup of " + TSql.quoteName(name) + " on " + Instances.display(instance);
            List<String> messages = Statements.runToEnd(connection, action, TSql.backupDatabase(name, backupFile, copyOnly),
                    properties.statementTimeoutSeconds());
            log.info("Backed up [{}] on {} to {}: {}", name, Instances.display(instance), backupFile, messages);
            return null;
        });
    }

    @Override
    public void verifyBackup(SqlStoreRef instance, String backupFile) {
        String sql = TSql.verifyOnly(backupFile);
        String action = "verification of backup file " + TSql.quoteString(backupFile) + " on "
                + Instances.display(instance);
        withConnection(instance, action, connection -> {
            List<String> messages = Statements.runToEnd(connection, action, sql, properties.statementTimeoutSeconds());
            log.info("Verified backup {} on {}: {}", backupFile, Instances.display(instance), messages);
            return null;
        });
    }

    @Override
    public void restoreDatabase(SqlStoreRef instance, String database, String backupFile, boolean overrideNonEmpty,
                                FileLocations locations) {
        TSql.requireValidName(database);
        TSql.verifyOnly(backupFile);
        String where = Instances.display(instance);
        withConnection(instance, "restore of " + TSql.quoteName(database), connection -> {
            Optional<String> existing = catalogName(connection, database);
            if (existing.isEmpty()) {
                // Absent: RESTORE creates it, and without REPLACE SQL Server itself refuses to overwrite anything.
                String action = "restore of " + TSql.quoteName(database) + " on " + where;
                List<SqlServerClient.FileMove> moves = RestoreFiles.moves(connection, where, backupFile, locations,
                        properties.statementTimeoutSeconds());
                Statements.runToEnd(connection, action, TSql.restoreDatabase(database, backupFile, false, moves),
                        properties.statementTimeoutSeconds());
                log.info("Restored new database [{}] on {} from {}", database, where, backupFile);
                return null;
            }
            String name = existing.get();
            if (overrideNonEmpty) {
                log.warn("Restore of [{}] on {} replaces the database without checking its content: "
                        + "an override was approved", name, where);
            } else {
                DatabaseOccupancy.Measure measure = measure(connection, instance, name);
                if (measure.holdsData()) {
                    throw new SqlTargetNotCleanException("database " + TSql.quoteName(name) + " on " + where
                            + " holds data (" + measure.rows() + " rows in " + measure.counted() + "); restore refused"
                            + " — restores go only to new or clean databases. A manager can approve an override.");
                }
            }
            replace(connection, instance, name, backupFile, RestoreFiles.moves(connection, where, backupFile, locations,
                    properties.statementTimeoutSeconds()));
            return null;
        });
    }

    @Override
    public DatabaseState databaseState(SqlStoreRef instance, String database) {
        TSql.requireValidName(database);
        return withConnection(instance, "state check of " + TSql.quoteName(database), connection -> {
            Optional<String> name = catalogName(connection, database);
            if (name.isEmpty()) {
                return DatabaseState.ABSENT;
            }
            return measure(connection, instance, name.get()).holdsData() ? DatabaseState.HOLDS_DATA
                    : DatabaseState.EMPTY;
        });
    }

    @Override
    public java.util.SortedMap<String, Long> tableRows(SqlStoreRef instance, String database) {
        TSql.requireValidName(database);
        return withConnection(instance, "row count of " + TSql.quoteName(database), connection -> {
            java.util.SortedMap<String, Long> rows = new java.util.TreeMap<>();
            Optional<String> name = catalogName(connection, database);
            if (name.isEmpty()) {
                return rows;
            }
            try (PreparedStatement query = connection.prepareStatement(
                    DatabaseOccupancy.perTableSql(TSql.quoteName(name.get())))) {
                query.setQueryTimeout(properties.statementTimeoutSeconds());
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.put(result.getString(1), result.getLong(2));
                    }
                }
            }
            return rows;
        });
    }

    @Override
    public String productVersion(SqlStoreRef instance) {
        return withConnection(instance, "product version query", JdbcSqlServerClient::productVersion);
    }

    /**
     * Checks that {@code <domain>\RTCComponentUniversalServices} is a member of {@code ServerRole} in the database
     * and adds it when {@code lync.sql.ad-domain} is set (R11 step 4); see {@link ServerRoleMembership}.
     */
    @Override
    public boolean ensureComponentUniversalServices(SqlStoreRef instance, String database) {
        TSql.requireValidName(database);
        return withConnection(instance, "ServerRole check of " + TSql.quoteName(database), connection -> {
            String name = existingDatabase(connection, instance, database);
            return ServerRoleMembership.ensure(connection, name, Instances.display(instance), properties.adDomain(),
                    properties.statementTimeoutSeconds());
        });
    }

    @Override
    public List<BackupFile> backupFiles(SqlStoreRef instance, String backupFile) {
        String sql = TSql.fileListOnly(backupFile);
        String action = "file list of backup file " + TSql.quoteString(backupFile) + " on " + Instances.display(instance);
        return withConnection(instance, action, connection -> Statements.query(connection, action, sql,
                properties.statementTimeoutSeconds(), rows -> {
                    List<BackupFile> files = new ArrayList<>();
                    // RESTORE FILELISTONLY: LogicalName, PhysicalName, Type, FileGroupName, Size, …
                    while (rows.next()) {
                        files.add(new BackupFile(rows.getString(1), rows.getString(3), rows.getString(2), rows.getLong(5)));
                    }
                    return files;
                }));
    }

    @Override
    public DefaultPaths defaultPaths(SqlStoreRef instance) {
        return withConnection(instance, "default data and log path query",
                connection -> RestoreFiles.defaultPaths(connection, properties.statementTimeoutSeconds()));
    }

    @Override
    public void restoreScratchCopy(SqlStoreRef instance, String scratchDatabase, String backupFile, List<FileMove> moves) {
        ScratchDatabases.require(scratchDatabase);
        String sql = TSql.restoreWithMove(scratchDatabase, backupFile, moves);
        String where = Instances.display(instance);
        withConnection(instance, "restore of " + TSql.quoteName(scratchDatabase), connection -> {
            Optional<String> existing = catalogName(connection, scratchDatabase);
            if (existing.isPresent()) {
                throw new SqlServerException("scratch database " + TSql.quoteName(existing.get()) + " already exists on "
                        + where + "; a drill drops it before restoring again and never restores over it");
            }
            List<String> messages = Statements.runToEnd(connection, "restore of " + TSql.quoteName(scratchDatabase)
                    + " on " + where, sql, properties.statementTimeoutSeconds());
            log.info("Restored scratch copy [{}] on {} from {}: {}", scratchDatabase, where, backupFile, messages);
            return null;
        });
    }

    @Override
    public List<String> checkDatabase(SqlStoreRef instance, String database) {
        TSql.requireValidName(database);
        String where = Instances.display(instance);
        return withConnection(instance, "DBCC CHECKDB of " + TSql.quoteName(database), connection -> {
            String name = existingDatabase(connection, instance, database);
            try {
                Statements.runToEnd(connection, "DBCC CHECKDB of " + TSql.quoteName(name) + " on " + where,
                        TSql.checkDb(name), properties.statementTimeoutSeconds());
                return List.of();
            } catch (SqlServerException e) {
                // CHECKDB reports what it finds as errors (Msg 8928, 8939, 2570, …, then "CHECKDB found …")
                return e.getCause() instanceof SQLException sql ? Statements.errors(sql) : List.of(e.getMessage());
            }
        });
    }

    @Override
    public Map<String, Long> rowCounts(SqlStoreRef instance, String database) {
        TSql.requireValidName(database);
        return withConnection(instance, "row count of " + TSql.quoteName(database), connection -> {
            String name = existingDatabase(connection, instance, database);
            Map<String, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement(TSql.rowCounts(name))) {
                query.setQueryTimeout(properties.statementTimeoutSeconds());
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        counts.put(result.getString(1) + "." + result.getString(2), result.getLong(3));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public List<String> scratchDatabases(SqlStoreRef instance) {
        return withConnection(instance, "scratch database query", connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(FIND_SCRATCH_DATABASES)) {
                query.setQueryTimeout(properties.statementTimeoutSeconds());
                query.setString(1, ScratchDatabases.LIKE_PATTERN);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        if (ScratchDatabases.isScratch(result.getString(1))) {
                            names.add(result.getString(1));
                        }
                    }
                }
            }
            return names;
        });
    }

    @Override
    public void dropScratchDatabase(SqlStoreRef instance, String scratchDatabase) {
        ScratchDatabases.require(scratchDatabase);
        String where = Instances.display(instance);
        withConnection(instance, "drop of " + TSql.quoteName(scratchDatabase), connection -> {
            Optional<String> existing = catalogName(connection, scratchDatabase);
            if (existing.isEmpty()) {
                return null;
            }
            String name = existing.get();
            // the catalog's spelling must still be a scratch name: SQL Server matches names case-insensitively
            ScratchDatabases.require(name);
            int timeout = properties.statementTimeoutSeconds();
            Statements.runToEnd(connection, "setting " + TSql.quoteName(name) + " on " + where + " to SINGLE_USER",
                    TSql.setSingleUser(name), timeout);
            Statements.runToEnd(connection, "drop of " + TSql.quoteName(name) + " on " + where, TSql.dropDatabase(name),
                    timeout);
            log.info("Dropped scratch database [{}] on {}", name, where);
            return null;
        });
    }

    /** SINGLE_USER, RESTORE … REPLACE, and MULTI_USER again whatever happened, if the database still exists. */
    private void replace(Connection connection, SqlStoreRef instance, String name, String backupFile, List<SqlServerClient.FileMove> moves) {
        String where = Instances.display(instance);
        int timeout = properties.statementTimeoutSeconds();
        RuntimeException failure = null;
        try {
            Statements.runToEnd(connection, "setting " + TSql.quoteName(name) + " on " + where + " to SINGLE_USER",
                    TSql.setSingleUser(name), timeout);
            Statements.runToEnd(connection, "restore of " + TSql.quoteName(name) + " on " + where,
                    TSql.restoreDatabase(name, backupFile, true, moves), timeout);
            log.info("Restored [{}] on {} from {} (REPLACE)", name, where, backupFile);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            try {
                if (catalogName(connection, name).isPresent()) {
                    Statements.runToEnd(connection, "setting " + TSql.quoteName(name) + " on " + where
                            + " back to MULTI_USER", TSql.setMultiUser(name), timeout);
                }
            } catch (SQLException | RuntimeException e) {
                RuntimeException reset = e instanceof RuntimeException r ? r
                        : Statements.failure("setting " + TSql.quoteName(name) + " on " + where + " back to MULTI_USER",
                                (SQLException) e, List.of());
                if (failure == null) {
                    throw reset;
                }
                failure.addSuppressed(reset);
            }
        }
    }

    private DatabaseOccupancy.Measure measure(Connection connection, SqlStoreRef instance, String name) {
        try {
            return DatabaseOccupancy.measure(connection, name, properties.statementTimeoutSeconds());
        } catch (SQLException e) {
            throw Statements.failure("counting the rows of " + TSql.quoteName(name) + " on "
                    + Instances.display(instance), e, List.of());
        }
    }

    private String existingDatabase(Connection connection, SqlStoreRef instance, String database) throws SQLException {
        return catalogName(connection, database).orElseThrow(() -> new SqlServerException("database '"
                + TSql.printable(database) + "' does not exist on instance " + Instances.display(instance)));
    }

    /** The database's name as {@code sys.databases} has it, the caller's name going in only as a parameter. */
    private Optional<String> catalogName(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIND_DATABASE)) {
            query.setQueryTimeout(properties.statementTimeoutSeconds());
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    static String productVersion(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(PRODUCT_VERSION);
             ResultSet result = query.executeQuery()) {
            if (!result.next() || result.getString(1) == null) {
                throw new SqlServerException("SQL Server returned no product version");
            }
            return result.getString(1);
        }
    }

    private <T> T withConnection(SqlStoreRef instance, String action, Work<T> work) {
        String where = Instances.display(instance);
        Connection connection;
        try {
            connection = connections.open(instance);
        } catch (SQLException e) {
            throw Statements.failure("connecting to " + where + " for the " + action, e, List.of());
        }
        T result;
        try {
            result = work.run(connection);
        } catch (SQLException e) {
            // Described before closing: mssql-jdbc reads chained errors from the still open statement.
            SqlServerException failure = Statements.failure(action + " on " + where, e, List.of());
            closeQuietly(connection, where);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(connection, where);
            throw e;
        }
        // The work is done by now: a connection that fails to close must not turn a finished backup into a failure.
        closeQuietly(connection, where);
        return result;
    }

    private static void closeQuietly(Connection connection, String where) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Closing the connection to {} failed: {}", where, Statements.describe(e));
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
