package org.lyncrunbooks.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.lyncrunbooks.backupset.OrchestratorFolder;
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

    /**
     * Writes the backup into {@code dir} ({@code serverDir} as a SQL Server sees it) and returns its files: the backup,
     * and on SQL Server the list of the database's files a restore moves ({@link OrchestratorFolder#SQLSERVER_FILES}).
     */
    List<Path> backup(Path dir, String serverDir) {
        String product;
        String url;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
            url = connection.getMetaData().getURL();
            if (product.equals("H2")) {
                return List.of(h2(connection, url, dir));
            }
            if (product.equals("Microsoft SQL Server")) {
                return sqlServer(connection, dir, serverDir, sql.copyOnly());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backup of the engine database failed: " + e.getMessage(), e);
        }
        if (product.equals("PostgreSQL")) {
            Path file = dir.resolve(OrchestratorFolder.POSTGRES_DUMP);
            new PgDump(postgres.pgDump(), postgres.timeout()).dump(PostgresConnection.fromJdbcUrl(url,
                    dataSourceProperties.determineUsername(), dataSourceProperties.determinePassword()), file);
            return List.of(file);
        }
        throw new IllegalStateException("cannot back up an engine database on " + product);
    }

    private static Path h2(Connection connection, String url, Path dir) throws SQLException {
        boolean inMemory = url.startsWith("jdbc:h2:mem:");
        Path file = dir.resolve(inMemory ? OrchestratorFolder.H2_SCRIPT : OrchestratorFolder.H2_BACKUP);
        String literal = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Statement statement = connection.createStatement()) {
            statement.execute(inMemory ? "SCRIPT TO " + literal + " COMPRESSION ZIP" : "BACKUP TO " + literal);
        }
        return file;
    }

    private static List<Path> sqlServer(Connection connection, Path dir, String serverDir, boolean copyOnly) throws SQLException {
        String database = connection.getCatalog();
        String separator = serverDir.startsWith("\\\\") ? "\\" : "/";
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(0);
            statement.execute(TSql.backupDatabase(database, serverDir + separator + OrchestratorFolder.SQLSERVER_BACKUP,
                    copyOnly));
            while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                // drain every result: SQL Server reports some BACKUP errors after the first one
            }
        }
        StringBuilder files = new StringBuilder();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, physical_name, type_desc FROM sys.database_files "
                     + "ORDER BY file_id")) {
            while (rows.next()) {
                files.append(rows.getString(1)).append('\t').append(rows.getString(2)).append('\t')
                        .append(rows.getString(3)).append('\n');
            }
        }
        Path list = dir.resolve(OrchestratorFolder.SQLSERVER_FILES);
        try {
            Files.writeString(list, files, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + list + ": " + e.getMessage(), e);
        }
        return List.of(dir.resolve(OrchestratorFolder.SQLSERVER_BACKUP), list);
    }
}
