package org.lyncrunbooks.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lyncrunbooks.backupset.OrchestratorFolder;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.sqlserver.TSql;

/**
 * The statement a DBA runs to restore the engine database on SQL Server: the application's login needs no
 * {@code sysadmin} or {@code dbcreator}, so it does not restore the database itself. Each file moves to the path it had
 * when the set was taken ({@code orchestrator/engine-files.tsv}); a DBA restoring onto another layout edits the
 * {@code TO} paths. Without {@code REPLACE}, SQL Server refuses to restore over an existing database.
 */
final class SqlServerRestoreStatement {

    private SqlServerRestoreStatement() {
    }

    static String of(StagedSet staged, String url, String rootUnc, String root) {
        String database = databaseName(url);
        String base = rootUnc == null || rootUnc.isBlank() ? root : rootUnc;
        String separator = base.startsWith("\\\\") || base.matches("^[A-Za-z]:\\\\.*") ? "\\" : "/";
        String trimmed = base.endsWith(separator) ? base.substring(0, base.length() - 1) : base;
        String backupFile = String.join(separator, trimmed, staged.setId(), OrchestratorFolder.FOLDER,
                OrchestratorFolder.SQLSERVER_BACKUP);
        List<SqlServerClient.FileMove> moves = new ArrayList<>();
        Path files = staged.setDirectory().resolve(OrchestratorFolder.path(OrchestratorFolder.SQLSERVER_FILES));
        try {
            for (String line : Files.readAllLines(files, StandardCharsets.UTF_8)) {
                String[] columns = line.split("\t");
                if (columns.length >= 2 && !columns[0].isBlank()) {
                    moves.add(new SqlServerClient.FileMove(columns[0], columns[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files + ": " + e.getMessage(), e);
        }
        if (moves.isEmpty()) {
            throw new BootstrapRefusedException(files + " names no file of the engine database: the statement for the DBA "
                    + "cannot move them");
        }
        return "-- lync-runbooks engine database from set " + staged.setId() + "; run by a DBA on the instance "
                + "spring.datasource.url names\n" + TSql.restoreWithMove(database, backupFile, moves) + ";";
    }

    /** {@code databaseName=} (or {@code database=}) of an mssql-jdbc URL. */
    static String databaseName(String url) {
        for (String part : url.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                String key = part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                if (key.equals("databasename") || key.equals("database")) {
                    return part.substring(equals + 1).trim();
                }
            }
        }
        throw new BootstrapRefusedException("spring.datasource.url names no database (databaseName=…): the statement "
                + "for the DBA needs it");
    }
}
