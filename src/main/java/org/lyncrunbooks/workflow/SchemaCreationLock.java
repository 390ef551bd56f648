package org.lyncrunbooks.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One node at a time creates or updates the engine's schema. Several nodes started at once on a fresh shared
 * database would otherwise all run the engine's create scripts, and all but one fail on "already exists" (the
 * engine has no lock for this: its lock row lives in a table that does not exist yet). Before the engine is built
 * this takes a database-wide lock that needs no table — {@code pg_advisory_lock} on PostgreSQL,
 * {@code sp_getapplock} on SQL Server — on a connection of its own, and releases it once the engine is built; the
 * next node then finds the schema in place. H2 is the single-node embedded default and takes no lock.
 */
@Component
class SchemaCreationLock extends AbstractProcessEnginePlugin {

    /** An arbitrary constant key for pg_advisory_lock ("lync" in ASCII). */
    static final long POSTGRES_KEY = 0x6c796e63L;
    static final String SQLSERVER_RESOURCE = "lync-runbooks-engine-schema";
    private static final Logger log = LoggerFactory.getLogger(SchemaCreationLock.class);

    private final DataSource dataSource;
    private Connection held;
    private String product;

    SchemaCreationLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection connection = dataSource.getConnection();
            product = connection.getMetaData().getDatabaseProductName();
            String lock = switch (product) {
                case "PostgreSQL" -> "SELECT pg_advisory_lock(" + POSTGRES_KEY + ")";
                case "Microsoft SQL Server" -> "DECLARE @r int; EXEC @r = sp_getapplock @Resource = '" + SQLSERVER_RESOURCE
                        + "', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1; "
                        + "IF @r < 0 THROW 51000, 'sp_getapplock failed', 1;";
                default -> null;
            };
            if (lock == null) {
                connection.close();
                return;
            }
            log.info("Waiting for the engine schema lock on {} (other nodes may be creating the schema)", product);
            try (Statement statement = connection.createStatement()) {
                statement.execute(lock);
            }
            held = connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the engine database to create or update its schema: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        release();
    }

    @PreDestroy
    synchronized void release() {
        if (held == null) {
            return;
        }
        String unlock = product.equals("PostgreSQL") ? "SELECT pg_advisory_unlock(" + POSTGRES_KEY + ")"
                : "EXEC sp_releaseapplock @Resource = '" + SQLSERVER_RESOURCE + "', @LockOwner = 'Session'";
        try (Connection connection = held; Statement statement = connection.createStatement()) {
            statement.execute(unlock);
        } catch (SQLException e) {
            // closing the session releases a session lock anyway
            log.warn("releasing the engine schema lock failed: {}", e.getMessage());
        } finally {
            held = null;
        }
    }
}
