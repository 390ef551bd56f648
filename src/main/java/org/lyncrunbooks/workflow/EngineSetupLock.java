package org.lyncrunbooks.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * One node at a time sets up groups, authorizations and filters. Runs the set-up while holding the engine's
 * deployment lock row ({@code ACT_GE_PROPERTY 'deployment.lock'}, which the engine itself locks for every
 * deployment) in a transaction of its own: a second node starting at the same moment waits until the first has
 * committed, then finds everything and adds nothing. The statement is plain SQL (an UPDATE takes the row lock on
 * H2, PostgreSQL and SQL Server alike); the set-up's own engine calls run in their own transactions meanwhile.
 */
@Component
class EngineSetupLock {

    private final ProcessEngine engine;

    EngineSetupLock(ProcessEngine engine) {
        this.engine = engine;
    }

    void run(Runnable setUp) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        try (Connection connection = configuration.getDataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement lock = connection.createStatement()) {
                lock.executeUpdate("UPDATE " + prefix + "ACT_GE_PROPERTY SET VALUE_ = VALUE_ WHERE NAME_ = 'deployment.lock'");
                setUp.run();
            } finally {
                // nothing was changed under the lock: ending the transaction only releases it
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the engine database to set up groups and authorizations: "
                    + e.getMessage(), e);
        }
    }
}
