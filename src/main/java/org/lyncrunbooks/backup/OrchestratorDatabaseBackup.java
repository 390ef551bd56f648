package org.lyncrunbooks.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.lyncrunbooks.postgres.PgDump;
import org.lyncrunbooks.postgres.PostgresConnection;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.lyncrunbooks.sqlserver.TSql;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Backs up this application's own engine database, whose history is the audit trail of every backup and
 * recovery: H2 with {@code BACKUP TO} (a logical {@code SCRIPT} for an in-memory database), PostgreSQL with
 * {@code pg_dump -Fc}, SQL Server with {@code BACKUP DATABASE … WITH CHECKSUM} ({@code COPY_ONLY} as
 * {@code lync.backup.sql.copy-only} says).
 */
@Component
class OrchestratorDatabaseBackup {

    private final DataSource dataSource;
    private final DataSourceProperties dataSourceProperties;
    private final PostgresProperties postgres;
    private final SqlBackupProperties sql;

    OrchestratorDatabaseBackup(DataSource dataSource, DataSourceProperties dataSourceProperties,
                               PostgresProperties postgres, SqlBackupProperties sql) {
        this.dataSource = dataSource;
        this.dataSourceProperties = dataSourceProperties;
        this.postgres = postgres;
        this.sql = sql;
    }

    /** Writes the backup into {@code dir} ({@code serverDir} as a SQL Server sees it) and returns the file. */
    Path backup(Path dir, String serverDir) {
        String product;
        String url;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
            url = connection.getMetaData().getURL();
            if (product.equals("H2")) {
                return h2(connection, url, dir);
            }
            if (product.equals("Microsoft SQL Server")) {
                return sqlServer(connection, dir, serverDir, sql.copyOnly());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backup of the engine database failed: " + e.getMessage(), e);
        }
        if (product.equals("PostgreSQL")) {
            Path file = dir.resolve("engine.dump");
            new PgDump(postgres.pgDump(), postgres.timeout()).dump(PostgresConnection.fromJdbcUrl(url,
                    dataSourceProperties.determineUsername(), dataSourceProperties.determinePassword()), file);
            return file;
        }
        throw new IllegalStateException("cannot back up an engine database on " + product);
    }

    private static Path h2(Connection connection, String url, Path dir) throws SQLException {
        boolean inMemory = url.startsWith("jdbc:h2:mem:");
        Path file = dir.resolve(inMemory ? "engine-h2-script.zip" : "engine-h2.zip");
        String literal = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Statement statement = connection.createStatement()) {
            statement.execute(inMemory ? "SCRIPT TO " + literal + " COMPRESSION ZIP" : "BACKUP TO " + literal);
        }
        return file;
    }

    private static Path sqlServer(Connection connection, Path dir, String serverDir, boolean copyOnly) throws SQLException {
        String database = connection.getCatalog();
        String separator = serverDir.startsWith("\\\\") ? "\\" : "/";
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(0);
            statement.execute(TSql.backupDatabase(database, serverDir + separator + "engine.bak", copyOnly));
            while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                // drain every result: SQL Server reports some BACKUP errors after the first one
            }
        }
        return dir.resolve("engine.bak");
    }
}
