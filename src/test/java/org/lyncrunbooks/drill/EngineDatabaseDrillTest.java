package org.lyncrunbooks.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.postgres.PgDump;
import org.lyncrunbooks.postgres.PostgresConnection;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.lyncrunbooks.sqlserver.SqlProperties;
import org.lyncrunbooks.testsupport.Prerequisites;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * The drill of this application's own engine database: a pg_dump restored with pg_restore into a scratch database
 * beside the engine's on a real PostgreSQL 15, an H2 {@code BACKUP TO} unpacked into the scratch folder; the history
 * rows counted and the copy removed, and a copy a drill that died left behind removed by the next.
 */
class EngineDatabaseDrillTest {

    static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws IOException {
        Prerequisites.require(Prerequisites.onPath("pg_dump") && Prerequisites.onPath("pg_restore"),
                "pg_dump/pg_restore are not installed (Debian package postgresql-client-15)");
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void restoresThePgDumpIntoAScratchDatabaseCountsTheHistoryAndDropsIt() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE engine");
        }
        DataSource engine = postgres.getDatabase("postgres", "engine");
        try (Connection c = engine.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE act_hi_procinst (id_ text primary key, business_key_ text)");
            s.execute("INSERT INTO act_hi_procinst SELECT 'pi-' || g, '2026112' || g FROM generate_series(1, 120) g");
            s.execute("CREATE TABLE act_hi_taskinst (id_ text primary key)");
            s.execute("INSERT INTO act_hi_taskinst SELECT 't-' || g FROM generate_series(1, 7) g");
            s.execute("CREATE DATABASE lyncdrill_left_by_a_dead_drill");
        }
        Path dump = Files.createDirectories(dir.resolve("set").resolve("orchestrator")).resolve("engine.dump");
        new PgDump("pg_dump", Duration.ofMinutes(1)).dump(new PostgresConnection("localhost", postgres.getPort(), "engine",
                "postgres", null), dump);
        EngineDatabaseDrill drill = drill(engine, "jdbc:postgresql://localhost:" + postgres.getPort() + "/engine", "postgres");

        assertThat(drill.removeLeftovers()).containsExactly("lyncdrill_left_by_a_dead_drill");
        DrillRecord.Item result = drill.drill(item(), "20261126T020000Z", dump, null);

        assertThat(result.outcome()).as(result.details()).isEqualTo(DrillRecord.Outcome.PASSED);
        assertThat(result.counts()).containsEntry("ACT_HI_PROCINST", 120L).containsEntry("ACT_HI_TASKINST", 7L);
        assertThat(result.testTarget()).isEqualTo("PostgreSQL database lyncdrill_engine beside the engine's");
        assertThat(result.details()).contains("pg_restore of engine.dump into the new database lyncdrill_engine")
                .contains("dropped lyncdrill_engine");
        assertThat(databases()).doesNotContain("lyncdrill_engine", "lyncdrill_left_by_a_dead_drill").contains("engine");
    }

    @Test
    void unpacksAnH2BackupIntoTheScratchFolderAndRemovesIt() throws Exception {
        Path h2 = dir.resolve("engine-db");
        String url = "jdbc:h2:file:" + h2.resolve("lync-runbooks");
        JdbcDataSource engine = new JdbcDataSource();
        engine.setURL(url);
        engine.setUser("lync");
        Path backup = Files.createDirectories(dir.resolve("set").resolve("orchestrator")).resolve("engine-h2.zip");
        try (Connection c = engine.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ACT_HI_PROCINST (ID_ VARCHAR(64) PRIMARY KEY)");
            s.execute("INSERT INTO ACT_HI_PROCINST SELECT 'pi-' || X FROM SYSTEM_RANGE(1, 42)");
            s.execute("BACKUP TO '" + backup + "'");
        }
        EngineDatabaseDrill drill = drill(engine, url, "lync");

        DrillRecord.Item result = drill.drill(item(), "20261126T020000Z", backup, null);

        assertThat(result.outcome()).as(result.details()).isEqualTo(DrillRecord.Outcome.PASSED);
        assertThat(result.counts()).containsEntry("ACT_HI_PROCINST", 42L);
        assertThat(result.testTarget()).isEqualTo(dir.resolve("scratch").resolve("20261126T020000Z").resolve("engine").toString());
        assertThat(dir.resolve("scratch").resolve("20261126T020000Z").resolve("engine")).doesNotExist();
    }

    private EngineDatabaseDrill drill(DataSource engine, String url, String user) {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        properties.setUsername(user);
        return new EngineDatabaseDrill(engine, properties, new PostgresProperties(null, null), SqlProperties.defaults(),
                new ScratchFolders(dir.resolve("scratch"), List.of(dir.resolve("set"))), Clock.systemUTC());
    }

    private static DrillRecord.Item item() {
        return new DrillRecord.Item("orchestrator:engine", "orchestrator-database", "lync-runbooks engine database", null,
                1000, List.of("orchestrator/engine.dump"), DrillRecord.Outcome.PENDING, null, null, null, null, null, null,
                null, Map.of(), null);
    }

    private static List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
