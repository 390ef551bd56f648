package org.lyncrunbooks.drill;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.lyncrunbooks.backup.BackupProperties;
import org.lyncrunbooks.backup.LabBackups;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.filestore.Sha256;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabSqlServer;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.lyncrunbooks.sqlserver.SqlProperties;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.FileStore;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.util.unit.DataSize;

/**
 * A small lab farm, its backup share and a {@link DrillService} wired to them as the application wires it: the lab
 * SQL Server, the recovery's file store restorer, a scratch folder of its own, and an H2 engine database.
 */
final class DrillLab {

    static final String POOL = "pool01.lab.contoso.local";
    static final String RTCXDS = "rtcxds";

    final LabFarm farm;
    final Path root;
    final Path scratch;
    final SqlServerClient sql;
    final JdbcDataSource engine;

    private DrillLab(Path dir, String engineUrl, int usersPerPool, int filesPerStore) {
        this.farm = new LabFarm(new LabProperties(dir.resolve("farm"), 7, usersPerPool, filesPerStore, Duration.ZERO));
        farm.topology();
        this.root = dir.resolve("backups");
        this.scratch = dir.resolve("drill-scratch");
        this.sql = new LabSqlServer(farm);
        this.engine = new JdbcDataSource();
        engine.setURL(engineUrl);
        engine.setUser("sa");
    }

    /** A farm and share under {@code dir}; the engine database backed up is the H2 database at {@code engineUrl}. */
    static DrillLab create(Path dir, String engineUrl) {
        return new DrillLab(dir, engineUrl, 12, 24);
    }

    /** A farm of the given size (the lab's defaults are 150 users per pool and 300 files per store). */
    static DrillLab create(Path dir, String engineUrl, int usersPerPool, int filesPerStore) {
        return new DrillLab(dir, engineUrl, usersPerPool, filesPerStore);
    }

    /** An engine database holding history rows, as the one the backup of a real run holds. */
    static String engineWithHistory(String name) {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ACT_HI_PROCINST (ID_ VARCHAR(64) PRIMARY KEY, BUSINESS_KEY_ VARCHAR(255))");
            s.execute("CREATE TABLE IF NOT EXISTS ACT_HI_ACTINST (ID_ VARCHAR(64) PRIMARY KEY, PROC_INST_ID_ VARCHAR(64))");
            s.execute("MERGE INTO ACT_HI_PROCINST KEY (ID_) VALUES ('pi-1', '20261126T020000Z'), ('pi-2', '20261127T020000Z')");
            s.execute("MERGE INTO ACT_HI_ACTINST KEY (ID_) VALUES ('a-1', 'pi-1'), ('a-2', 'pi-1'), ('a-3', 'pi-2')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url;
    }

    String takeBackup() {
        return LabBackups.takeBackup(farm, root, engine);
    }

    DrillProperties properties() {
        return properties(null, "20%");
    }

    DrillProperties properties(DataSize maxSize, String maxDrop) {
        return new DrillProperties("0 0 5 * * ?", null, maxSize, maxDrop, Duration.ofDays(2), scratch);
    }

    DrillService service(DrillRuns runs) {
        return service(runs, properties());
    }

    DrillService service(DrillRuns runs, DrillProperties properties) {
        return service(runs, properties, sql);
    }

    DrillService service(DrillRuns runs, DrillProperties properties, SqlServerClient sql) {
        BackupShare share = new BackupShare(root);
        Clock clock = Clock.systemUTC();
        ScratchFolders folders = new ScratchFolders(scratch, Stream.concat(Stream.of(root),
                farm.topology().fileStores().stream().map(FileStore::mountPath)).toList());
        DataSourceProperties dataSource = new DataSourceProperties();
        dataSource.setUsername("sa");
        ItemDrills drills = new ItemDrills(new SqlDatabaseDrill(sql, properties, clock),
                new ExportDrill(new ExportInspector(), properties, clock),
                new FileStoreDrill(new FileStoreRestorer(2), folders, clock),
                new EngineDatabaseDrill(engine, dataSource, new PostgresProperties(null, null), SqlProperties.defaults(),
                        folders, clock),
                backupProperties().serverRoot(), clock);
        return new DrillService(share, farm.topology(), new DrillRecords(share), runs, sql, drills, folders, properties,
                clock);
    }

    DrillRecords records() {
        return new DrillRecords(new BackupShare(root));
    }

    BackupProperties backupProperties() {
        return new BackupProperties(root, "", "0 0 2 * * ?",
                new BackupProperties.Retention(14, Duration.ofDays(30), Duration.ofHours(1)),
                new BackupProperties.Item(1, Duration.ZERO),
                new BackupProperties.Worker(false, 1, 4, Duration.ofMinutes(5), Duration.ofSeconds(1)));
    }

    /** Deletes every other user of a pool (with what hangs off them) in the lab's user database: a farm losing users. */
    void loseHalfTheUsers(String pool) {
        Path database = farm.directory().resolve("sql").resolve("be01.lab.contoso.local_rtc").resolve(RTCXDS);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + database + ";IFEXISTS=TRUE", "sa", "");
             Statement s = c.createStatement()) {
            String lost = "SELECT user_id FROM users WHERE registrar_pool = '" + pool + "' AND MOD(user_id, 2) = 0";
            for (String table : List.of("contacts", "contact_groups", "permissions")) {
                s.executeUpdate("DELETE FROM " + table + " WHERE user_id IN (" + lost + ")");
            }
            s.executeUpdate("DELETE FROM conferences WHERE organizer_id IN (" + lost + ")");
            s.executeUpdate("DELETE FROM users WHERE user_id IN (" + lost + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every file of the lab farm's production data — the SQL instances' databases and the file stores — with its size
     * and SHA-256: what "nothing of production is touched, byte for byte" compares.
     */
    Map<String, String> production() {
        Map<String, String> files = new TreeMap<>();
        tree(farm.directory().resolve("sql"), "sql/", files);
        for (FileStore store : farm.topology().fileStores()) {
            tree(store.mountPath(), "filestore/" + store.name() + "/", files);
        }
        return files;
    }

    private static void tree(Path folder, String prefix, Map<String, String> files) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                if (path.equals(folder)) {
                    continue;
                }
                String relative = prefix + folder.relativize(path).toString().replace(File.separatorChar, '/');
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                files.put(relative, attributes.isDirectory() ? "folder"
                        : attributes.size() + " " + Sha256.hashFile(path) + " " + attributes.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
