package org.lyncrunbooks.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lyncrunbooks.backupset.OrchestratorFolder;
import org.lyncrunbooks.postgres.PgRestore;
import org.lyncrunbooks.postgres.PostgresConnection;
import org.lyncrunbooks.postgres.PostgresException;
import org.lyncrunbooks.secrets.Redaction;

/**
 * Restores the engine database of a set into the database this node is configured for, and only into an empty one:
 * H2 from its {@code BACKUP TO} zip (or its {@code SCRIPT}), PostgreSQL with {@code pg_restore} into an existing empty
 * database. A database that already holds tables is refused with what it holds; the restore itself either completes
 * or leaves the target as empty as it was (pg_restore in one transaction; H2 files written only after the check).
 */
final class EngineDatabaseRestore {

    /** Where the restored database is: the node's datasource. */
    record Target(String url, String username, String password) {

        @Override
        public String toString() {
            return Redaction.scrub(url);
        }
    }

    private final PgRestore pgRestore;

    EngineDatabaseRestore(PgRestore pgRestore) {
        this.pgRestore = pgRestore;
    }

    /** Restores {@code engineFile} (a file of a verified set's {@code orchestrator/} folder) into {@code target}. */
    void restore(Path engineFile, Target target) {
        String file = engineFile.getFileName().toString();
        String url = target.url() == null ? "" : target.url();
        if (url.startsWith("jdbc:h2:mem:")) {
            throw new BootstrapRefusedException("spring.datasource.url names an in-memory H2 database (" + target
                    + "), which would be lost when the node stops; give a file database (the default "
                    + "jdbc:h2:file:./data/engine/lync-runbooks) or a PostgreSQL or SQL Server database");
        }
        String kind = url.startsWith("jdbc:h2:") ? "H2" : url.startsWith("jdbc:postgresql:") ? "PostgreSQL"
                : url.startsWith("jdbc:sqlserver:") ? "SQL Server" : "an unknown database";
        String taken = switch (file) {
            case OrchestratorFolder.H2_BACKUP, OrchestratorFolder.H2_SCRIPT -> "H2";
            case OrchestratorFolder.POSTGRES_DUMP -> "PostgreSQL";
            default -> "SQL Server";
        };
        if (!kind.equals(taken)) {
            throw new BootstrapRefusedException("the set's engine database was taken from " + taken + " (" + file
                    + ") but spring.datasource.url names " + kind + " (" + target + "); start with the profile and "
                    + "datasource of the engine the set was taken from (its orchestrator/configuration.properties names "
                    + "them)");
        }
        switch (kind) {
            case "H2" -> h2(engineFile, target);
            case "PostgreSQL" -> postgres(engineFile, target);
            default -> throw new BootstrapRefusedException("the engine database is on SQL Server, which a DBA restores: "
                    + "run the statement printed above, then start the application again without --lync.bootstrap.from");
        }
    }

    private void h2(Path engineFile, Target target) {
        Path database = h2Path(target.url());
        Path dataFile = database.resolveSibling(database.getFileName() + ".mv.db");
        if (Files.exists(dataFile)) {
            refuseWhenNotEmpty(target, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                    + " ORDER BY TABLE_NAME", "jdbc:h2:" + database + ";IFEXISTS=TRUE");
        }
        try {
            Files.createDirectories(database.getParent());
            if (engineFile.getFileName().toString().equals(OrchestratorFolder.H2_BACKUP)) {
                Files.deleteIfExists(dataFile);
                org.h2.tools.Restore.execute(engineFile.toString(), database.getParent().toString(),
                        database.getFileName().toString());
                if (!Files.isRegularFile(dataFile)) {
                    throw new BootstrapRefusedException(engineFile + " holds no H2 database file; nothing was restored");
                }
            } else {
                try (Connection connection = DriverManager.getConnection("jdbc:h2:" + database, target.username(),
                        target.password()); Statement statement = connection.createStatement()) {
                    statement.execute("RUNSCRIPT FROM '" + engineFile.toString().replace("'", "''") + "' COMPRESSION ZIP");
                }
            }
        } catch (java.io.IOException | SQLException e) {
            throw new BootstrapRefusedException("the H2 engine database could not be restored into " + database + ": "
                    + Redaction.scrub(e.getMessage()), e);
        }
    }

    private void postgres(Path engineFile, Target target) {
        refuseWhenNotEmpty(target, "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE "
                + "table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", target.url());
        try {
            pgRestore.restore(engineFile, PostgresConnection.fromJdbcUrl(target.url(), target.username(), target.password()));
        } catch (PostgresException | IllegalArgumentException e) {
            throw new BootstrapRefusedException("pg_restore into " + target + " failed; the database is left as empty as "
                    + "it was (one transaction): " + Redaction.scrub(e.getMessage()), e);
        }
    }

    /** Refuses when the database at {@code jdbcUrl} has a table; {@code tables} lists them. */
    private static void refuseWhenNotEmpty(Target target, String tables, String jdbcUrl) {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, target.username(), target.password());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(tables)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new BootstrapRefusedException("cannot check that the engine database " + target + " is empty: "
                    + Redaction.scrub(e.getMessage()) + "; the bootstrap restores only into a database it has seen "
                    + "empty", e);
        }
        if (!found.isEmpty()) {
            String history = found.stream().anyMatch(t -> t.toUpperCase(Locale.ROOT).endsWith("ACT_HI_PROCINST"))
                    ? "; it is an engine database with its own history" : "";
            throw new BootstrapRefusedException("the engine database " + target + " already holds data (" + found.size()
                    + " tables, among them " + String.join(", ", found.subList(0, Math.min(3, found.size()))) + history
                    + "). A bootstrap never restores over data: to keep this node's history start it without "
                    + "--lync.bootstrap.from; to replace it, give an empty database (H2: move the data folder away; "
                    + "PostgreSQL: a newly created database)");
        }
    }

    /** The file path (without {@code .mv.db}) of an H2 URL, resolved against the working directory. */
    static Path h2Path(String url) {
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:")) {
            throw new BootstrapRefusedException("spring.datasource.url names an H2 database this node cannot restore "
                    + "files into (" + Redaction.scrub(url) + "); give a file database");
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Path.of(rest).toAbsolutePath().normalize();
    }
}
