package org.lyncrunbooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestWriter;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.filestore.Sha256;
import org.lyncrunbooks.postgres.PgRestore;

/** The bootstrap's checks on real files and a real H2 database: what it restores, and what it refuses. */
class BootstrapRefusalTest {

    static final String SET = "20261126T020000Z";

    @TempDir
    Path dir;
    Path share;
    Path config;

    @BeforeEach
    void aShareWithOneSetTakenFromAnH2Node() throws Exception {
        share = dir.resolve("share");
        config = dir.resolve("node/config");
        Path set = share.resolve(SET);
        Path orchestrator = Files.createDirectories(set.resolve("orchestrator"));
        Path source = dir.resolve("old-node/engine");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + source, "lync", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ACT_HI_PROCINST (ID_ VARCHAR(64) PRIMARY KEY, BUSINESS_KEY_ VARCHAR(255))");
            s.execute("INSERT INTO ACT_HI_PROCINST VALUES ('42', 'mon01.lab.contoso.local')");
            s.execute("BACKUP TO '" + orchestrator.resolve("engine-h2.zip") + "'");
        }
        Files.writeString(orchestrator.resolve("topology.yaml"), "name: lab\n");
        Files.writeString(orchestrator.resolve("configuration.properties"), "# carried\n"
                + "lync.backup.root=/old/share\nlync.lab.users-per-pool=10\nlync.shell.launcher[0]=powershell.exe\n"
                + "spring.datasource.url=jdbc\\:h2\\:file\\:./data/engine/lync-runbooks\nspring.profiles.active=lab\n",
                StandardCharsets.ISO_8859_1);
        try (ManifestWriter writer = ManifestWriter.open(set.resolve(Manifest.FILE_NAME), new Manifest.Header(1, SET,
                Instant.parse("2026-11-26T02:00:00Z"), Instant.parse("2026-11-26T02:10:00Z"), "abc"))) {
            writer.beginItem(new Manifest.Item("orchestrator:engine", "orchestrator-database", "lync-runbooks engine "
                    + "database", "H2 BACKUP TO", Instant.parse("2026-11-26T02:00:00Z"), Instant.parse("2026-11-26T02:01:00Z")));
            try (Stream<Path> files = Files.list(orchestrator)) {
                for (Path file : files.sorted().toList()) {
                    writer.file(new Manifest.File("orchestrator/" + file.getFileName(), Files.size(file), Sha256.hashFile(file)));
                }
            }
            writer.endItem();
            writer.commit();
        }
        Files.writeString(share.resolve("CURRENT"), SET + "\n");
    }

    private StagedSet stage() {
        return StagedSet.stage(share, Optional.empty(), config, new SetVerifier(1));
    }

    @Test
    void theSetCurrentNamesIsVerifiedAndItsConfigurationStagedForThisShareAndTheTopologyPutInPlace() throws Exception {
        StagedSet staged = stage();

        assertThat(staged.setId()).isEqualTo(SET);
        Properties node = new Properties();
        try (InputStream in = Files.newInputStream(staged.staging().resolve("application.properties"))) {
            node.load(in);
        }
        assertThat(node.getProperty("lync.backup.root")).isEqualTo(share.toAbsolutePath().toString());
        assertThat(node.getProperty("lync.topology-file")).isEqualTo(config.toAbsolutePath().resolve("topology.yaml").toString());
        assertThat(node.getProperty("lync.lab.users-per-pool")).isEqualTo("10");
        assertThat(node.getProperty("lync.shell.launcher[0]")).isEqualTo("powershell.exe");
        assertThat(node.getProperty("spring.profiles.include")).isEqualTo("lab");
        assertThat(node.getProperty("spring.datasource.url"))
                .isEqualTo("${LYNC_DATASOURCE_URL:jdbc:h2:file:./data/engine/lync-runbooks}");
        assertThat(node.getProperty("lync.bootstrap.restored-set")).isEqualTo(SET);
        assertThat(config.resolve("application.properties")).as("in place only after the restore").doesNotExist();

        staged.putInPlace();
        assertThat(config.resolve("topology.yaml")).hasContent("name: lab");
        assertThat(config.resolve("application.properties")).exists();
        assertThat(staged.staging()).doesNotExist();
    }

    @Test
    void aSetWhoseFilesDoNotMatchTheManifestIsRefusedAndNothingIsStaged() throws Exception {
        Files.writeString(share.resolve(SET).resolve("orchestrator/topology.yaml"), "name: changed\n");

        assertThatThrownBy(this::stage).isInstanceOf(BootstrapRefusedException.class)
                .hasMessageContaining("set " + SET + " does not verify").hasMessageContaining("topology.yaml");
        assertThat(config).doesNotExist();
    }

    @Test
    void aShareWithoutCurrentOrAnUnknownSetIsRefused() throws Exception {
        assertThatThrownBy(() -> StagedSet.stage(share, Optional.of("20990101T000000Z"), config, new SetVerifier(1)))
                .hasMessageContaining("set 20990101T000000Z is not a published set");
        assertThatThrownBy(() -> StagedSet.stage(share, Optional.of("yesterday"), config, new SetVerifier(1)))
                .hasMessageContaining("'yesterday' is not a set id");
        Files.delete(share.resolve("CURRENT"));
        assertThatThrownBy(this::stage).hasMessageContaining("has no CURRENT");
        assertThatThrownBy(() -> StagedSet.stage(dir.resolve("nowhere"), Optional.empty(), config, new SetVerifier(1)))
                .hasMessageContaining("does not exist or is not a folder");
    }

    @Test
    void aConfigurationAlreadyInPlaceIsRefused() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("application.properties"), "lync.backup.root=/mine\n");

        assertThatThrownBy(this::stage).isInstanceOf(BootstrapRefusedException.class)
                .hasMessageContaining("a configuration is already in place");
        assertThat(config.resolve("application.properties")).hasContent("lync.backup.root=/mine");
    }

    @Test
    void anEmptyH2TargetReceivesTheSetsEngineDatabase() throws Exception {
        Path target = dir.resolve("new-node/data/engine/lync-runbooks");

        restore(new EngineDatabaseRestore.Target("jdbc:h2:file:" + target + ";DB_CLOSE_ON_EXIT=FALSE", "lync", ""));

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + target + ";IFEXISTS=TRUE", "lync", "");
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT BUSINESS_KEY_ FROM ACT_HI_PROCINST")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("mon01.lab.contoso.local");
        }
    }

    @Test
    void anH2DatabaseThatHoldsTablesIsRefusedAndKeptAsItWas() throws Exception {
        Path target = dir.resolve("used-node/engine");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + target, "lync", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ACT_HI_PROCINST (ID_ VARCHAR(64) PRIMARY KEY)");
            s.execute("INSERT INTO ACT_HI_PROCINST VALUES ('mine')");
        }

        assertThatThrownBy(() -> restore(new EngineDatabaseRestore.Target("jdbc:h2:file:" + target, "lync", "")))
                .isInstanceOf(BootstrapRefusedException.class).hasMessageContaining("already holds data (1 tables, among "
                        + "them ACT_HI_PROCINST; it is an engine database with its own history)")
                .hasMessageContaining("never restores over data");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + target + ";IFEXISTS=TRUE", "lync", "");
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT ID_ FROM ACT_HI_PROCINST")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).as("its own history, untouched").isEqualTo("mine");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void anInMemoryDatabaseOrADatabaseOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> restore(new EngineDatabaseRestore.Target("jdbc:h2:mem:x", "lync", "")))
                .hasMessageContaining("in-memory H2 database");
        assertThatThrownBy(() -> restore(new EngineDatabaseRestore.Target("jdbc:postgresql://db01/lync", "lync", "secret")))
                .hasMessageContaining("taken from H2 (engine-h2.zip) but spring.datasource.url names PostgreSQL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void theSqlServerStatementRestoresEveryFileWhereItWasAndNeverReplaces() throws Exception {
        Path orchestrator = share.resolve(SET).resolve("orchestrator");
        Files.writeString(orchestrator.resolve("engine-files.tsv"), "lync_runbooks\tD:\\Data\\lync_runbooks.mdf\tROWS\n"
                + "lync_runbooks_log\tL:\\Logs\\lync_runbooks_log.ldf\tLOG\n");
        StagedSet staged = new StagedSet(SET, share.resolve(SET), orchestrator.resolve("engine.bak"), config, config);

        String statement = SqlServerRestoreStatement.of(staged,
                "jdbc:sqlserver://sql01.contoso.local:1433;databaseName=lync_runbooks;encrypt=true", "\\\\backupsrv\\lync",
                "/mnt/lync");

        assertThat(statement).endsWith("RESTORE DATABASE [lync_runbooks] FROM DISK = N'\\\\backupsrv\\lync\\" + SET
                + "\\orchestrator\\engine.bak' WITH MOVE N'lync_runbooks' TO N'D:\\Data\\lync_runbooks.mdf', "
                + "MOVE N'lync_runbooks_log' TO N'L:\\Logs\\lync_runbooks_log.ldf', CHECKSUM;").doesNotContain("REPLACE");
    }

    private void restore(EngineDatabaseRestore.Target target) {
        Path engineFile = share.resolve(SET).resolve("orchestrator/engine-h2.zip");
        new EngineDatabaseRestore(new PgRestore("pg_restore", java.time.Duration.ofMinutes(1)))
                .restore(engineFile, target);
    }
}
