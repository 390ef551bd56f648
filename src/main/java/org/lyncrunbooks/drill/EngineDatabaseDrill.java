package org.lyncrunbooks.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import org.lyncrunbooks.postgres.PgRestore;
import org.lyncrunbooks.postgres.PostgresConnection;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.lyncrunbooks.sqlserver.JdbcSqlServerClient;
import org.lyncrunbooks.sqlserver.ScratchDatabases;
import org.lyncrunbooks.sqlserver.SqlProperties;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Drills this application's own engine database, whose history is the audit trail of every backup and recovery: the
 * backup is restored into a scratch copy — an H2 file under the scratch folder, a PostgreSQL database
 * ({@code pg_restore}) or a SQL Server database ({@code RESTORE … WITH MOVE}) beside the engine's, under the scratch
 * name — and the rows of its history tables ({@code ACT_HI_*}) are counted; the copy is removed afterwards.
 */
final class EngineDatabaseDrill {

    static final String POSTGRES_SCRATCH = ScratchDatabases.PREFIX + "engine";

    private final DataSource engine;
    private final EngineDatabase database;
    private final DataSourceProperties dataSourceProperties;
    private final PostgresProperties postgres;
    private final SqlProperties sqlProperties;
    private final ScratchFolders scratch;
    private final Clock clock;

    EngineDatabaseDrill(DataSource engine, DataSourceProperties dataSourceProperties, PostgresProperties postgres,
                        SqlProperties sqlProperties, ScratchFolders scratch, Clock clock) {
        this.engine = engine;
        this.database = new EngineDatabase(engine);
        this.dataSourceProperties = dataSourceProperties;
        this.postgres = postgres;
        this.sqlProperties = sqlProperties;
        this.scratch = scratch;
        this.clock = clock;
    }

    /**
     * @param file       the backup in the set, as this application sees it
     * @param serverFile the same file as the engine's SQL Server sees it (for a {@code .bak})
     */
    DrillRecord.Item drill(DrillRecord.Item item, String setId, Path file, String serverFile) {
        Instant started = clock.instant();
        String name = file.getFileName().toString();
        List<String> details = new ArrayList<>();
        String testTarget;
        Duration restoreElapsed = null;
        Map<String, Long> counts = Map.of();
        DrillRecord.Outcome outcome;
        String restoreResult;
        String checkResult;
        Restored restored = null;
        try {
            Restore restore = switch (name) {
                case "engine-h2.zip" -> () -> h2Backup(setId, file);
                case "engine-h2-script.zip" -> () -> h2Script(setId, file);
                case "engine.dump" -> () -> postgres(file);
                case "engine.bak" -> () -> sqlServer(serverFile);
                default -> throw new IllegalArgumentException("the drill does not know the engine backup " + name);
            };
            testTarget = target(name, setId);
            restored = restore.run();
            restoreElapsed = Duration.between(started, clock.instant());
            restoreResult = "Success";
            details.add(restored.how() + " in " + restoreElapsed);
            counts = restored.counts();
            long history = counts.getOrDefault("ACT_HI_PROCINST", 0L);
            if (counts.isEmpty()) {
                outcome = DrillRecord.Outcome.FAILED;
                checkResult = "Failed: the restored copy holds no history tables (ACT_HI_*)";
            } else {
                outcome = DrillRecord.Outcome.PASSED;
                checkResult = "Success: " + counts.size() + " history tables, " + history + " process instances in ACT_HI_PROCINST";
            }
            details.add("history rows: " + counts);
        } catch (RuntimeException e) {
            testTarget = target(name, setId);
            outcome = DrillRecord.Outcome.FAILED;
            restoreResult = "Failed: " + e.getMessage();
            checkResult = "Not run: the restore failed";
            details.add("restore of " + name + " failed: " + e.getMessage());
        } finally {
            try {
                details.add(removeCopy(name, setId));
            } catch (RuntimeException e) {
                details.add("could not remove the copy: " + e.getMessage() + "; the next drill removes it");
            }
        }
        Instant finished = clock.instant();
        return new DrillRecord.Item(item.item(), item.kind(), item.source(), testTarget, item.size(), item.backupFiles(),
                outcome, restoreResult, checkResult, started, finished, Duration.between(started, finished),
                restoreElapsed, null, counts, String.join("\n", details));
    }

    /** Removes the scratch databases a drill of the engine database left behind (PostgreSQL, SQL Server). */
    List<String> removeLeftovers() {
        List<String> removed = new ArrayList<>();
        String product = database.product();
        if (product.equals("PostgreSQL")) {
            try (Connection c = engine.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'lyncdrill\\_%'")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                for (String leftover : names) {
                    if (ScratchDatabases.isScratch(leftover)) {
                        dropPostgres(leftover);
                        removed.add(leftover);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot look for the drill's leftovers on the engine's PostgreSQL: "
                        + e.getMessage(), e);
            }
        } else if (product.equals("Microsoft SQL Server")) {
            JdbcSqlServerClient client = sqlServerClient();
            for (String leftover : client.scratchDatabases(engineInstance())) {
                client.dropScratchDatabase(engineInstance(), leftover);
                removed.add(leftover);
            }
        }
        return removed;
    }

    private record Restored(String how, Map<String, Long> counts) {
    }

    @FunctionalInterface
    private interface Restore {
        Restored run();
    }

    private String target(String name, String setId) {
        return switch (name) {
            case "engine.dump" -> "PostgreSQL database " + POSTGRES_SCRATCH + " beside the engine's";
            case "engine.bak" -> "SQL Server database " + scratchSqlName() + " beside the engine's";
            default -> scratch.engine(setId).toString();
        };
    }

    private Restored h2Backup(String setId, Path file) {
        Path folder = freshFolder(setId);
        String database = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String entryName = Path.of(entry.getName()).getFileName().toString();
                if (!entry.isDirectory() && entryName.endsWith(".mv.db")) {
                    database = entryName.substring(0, entryName.length() - ".mv.db".length());
                    Files.copy(zip, folder.resolve(entryName), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + file.getFileName() + ": " + e.getMessage(), e);
        }
        if (database == null) {
            throw new IllegalStateException(file.getFileName() + " holds no H2 database file (*.mv.db)");
        }
        String url = "jdbc:h2:file:" + folder.resolve(database) + ";IFEXISTS=TRUE";
        return new Restored("unpacked " + file.getFileName() + " (H2 BACKUP TO) into " + folder + " and opened it",
                EngineDatabase.history(url, dataSourceProperties.determineUsername(), dataSourceProperties.determinePassword()));
    }

    private Restored h2Script(String setId, Path file) {
        Path folder = freshFolder(setId);
        String url = "jdbc:h2:file:" + folder.resolve("engine");
        try (Connection c = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=0", "sa", "");
             Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + file.toAbsolutePath().toString().replace("'", "''") + "' COMPRESSION ZIP");
        } catch (SQLException e) {
            throw new IllegalStateException("RUNSCRIPT of " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
        return new Restored("ran " + file.getFileName() + " (H2 SCRIPT) into a new H2 database in " + folder,
                EngineDatabase.history(url, "sa", ""));
    }

    private Restored postgres(Path file) {
        PostgresConnection target = postgresScratch();
        dropPostgres(POSTGRES_SCRATCH);
        database.execute("CREATE DATABASE \"" + POSTGRES_SCRATCH + "\"");
        new PgRestore(postgres.pgRestore(), postgres.timeout()).restore(file, target);
        String url = "jdbc:postgresql://" + target.host() + ":" + target.port() + "/" + POSTGRES_SCRATCH;
        return new Restored("pg_restore of " + file.getFileName() + " into the new database " + POSTGRES_SCRATCH,
                EngineDatabase.history(url, target.user(), target.password()));
    }

    private Restored sqlServer(String serverFile) {
        JdbcSqlServerClient client = sqlServerClient();
        SqlStoreRef instance = engineInstance();
        String scratchName = scratchSqlName();
        client.dropScratchDatabase(instance, scratchName);
        client.restoreScratchCopy(instance, scratchName, serverFile,
                ScratchDatabases.moves(client.backupFiles(instance, serverFile), client.defaultPaths(instance), scratchName));
        Map<String, Long> counts = new TreeMap<>();
        client.rowCounts(instance, scratchName).forEach((table, rows) -> {
            String bare = table.substring(table.indexOf('.') + 1).toUpperCase(Locale.ROOT);
            if (bare.startsWith("ACT_HI_")) {
                counts.put(bare, rows);
            }
        });
        return new Restored("RESTORE DATABASE [" + scratchName + "] … WITH MOVE …, CHECKSUM on the engine's SQL Server",
                counts);
    }

    private String removeCopy(String name, String setId) {
        switch (name) {
            case "engine.dump" -> {
                dropPostgres(POSTGRES_SCRATCH);
                return "dropped " + POSTGRES_SCRATCH;
            }
            case "engine.bak" -> {
                sqlServerClient().dropScratchDatabase(engineInstance(), scratchSqlName());
                return "dropped " + scratchSqlName();
            }
            default -> {
                scratch.remove(scratch.engine(setId));
                return "removed " + scratch.engine(setId);
            }
        }
    }

    /**
     * An empty folder for an H2 copy, named anew each time: H2 keeps a database it has open by its file name, so a
     * copy under a name used before in this JVM could be the old one.
     */
    private Path freshFolder(String setId) {
        Path folder = scratch.engine(setId);
        scratch.remove(folder);
        try {
            return Files.createDirectories(folder.resolve(java.util.UUID.randomUUID().toString().substring(0, 8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    private PostgresConnection postgresScratch() {
        PostgresConnection engineDb = PostgresConnection.fromJdbcUrl(database.url(), dataSourceProperties.determineUsername(),
                dataSourceProperties.determinePassword());
        return new PostgresConnection(engineDb.host(), engineDb.port(), POSTGRES_SCRATCH, engineDb.user(),
                engineDb.password());
    }

    private void dropPostgres(String scratchName) {
        if (!ScratchDatabases.isScratch(scratchName)) {
            throw new IllegalArgumentException(scratchName + " is not a drill's scratch database");
        }
        database.execute("DROP DATABASE IF EXISTS \"" + scratchName.replace("\"", "\"\"") + "\"");
    }

    private JdbcSqlServerClient sqlServerClient() {
        return new JdbcSqlServerClient(instance -> engine.getConnection(), sqlProperties);
    }

    private SqlStoreRef engineInstance() {
        return new SqlStoreRef("engine database server", "engine");
    }

    private String scratchSqlName() {
        return ScratchDatabases.nameFor(database.catalog());
    }

}
