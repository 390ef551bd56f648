package org.lyncrunbooks.bootstrap;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.lyncrunbooks.testsupport.Prerequisites;

/**
 * {@link BootstrapScenario} on PostgreSQL (profile {@code postgres}, a real PostgreSQL server): the engine database is
 * dropped and a DBA creates an empty one of the same name; the new node is given only where it is and who logs in.
 */
class PostgresBootstrapIT extends BootstrapScenario {

    private static final String DATABASE = "lync_runbooks";

    private EmbeddedPostgres postgres;

    @Override
    void startTheEngineDatabase() throws Exception {
        Prerequisites.require(Prerequisites.onPath("pg_dump") && Prerequisites.onPath("pg_restore"),
                "pg_dump/pg_restore are not installed (Debian package postgresql-client-15)");
        postgres = EmbeddedPostgres.builder().start();
        sql("CREATE DATABASE " + DATABASE);
    }

    @Override
    void stopTheEngineDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    Map<String, String> engineProperties() {
        return Map.of();
    }

    private Map<String, String> connection() {
        return Map.of("LYNC_DATASOURCE_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE,
                "LYNC_DATASOURCE_USERNAME", "postgres");
    }

    @Override
    Map<String, String> firstNodeEnvironment() {
        Map<String, String> environment = new java.util.HashMap<>(connection());
        environment.put("SPRING_PROFILES_ACTIVE", "postgres");
        return environment;
    }

    @Override
    Map<String, String> newNodeEnvironment() {
        // the profile comes from the configuration the set carries
        return connection();
    }

    @Override
    void loseTheEngineDatabase() throws Exception {
        sql("DROP DATABASE " + DATABASE + " WITH (FORCE)");
        sql("CREATE DATABASE " + DATABASE);
    }

    @Override
    String engineFile() {
        return "engine.dump";
    }

    private void sql(String statement) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    boolean continueTheWaitingRecovery() {
        return false;
    }
}
