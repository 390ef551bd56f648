package org.lyncrunbooks.workflow;

import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Runs an engine query without the caller's authorizations, for the few reads that must see what the caller may
 * not: a second recovery of a server started by another group, a backup run another operator started. Only the
 * engine glue may reach the engine's internals to do so; the capabilities' adapters call this.
 */
public final class WithoutAuthorization {

    private WithoutAuthorization() {
    }

    /** The result of {@code query}, run in a transaction of its own with authorization checks off. */
    public static <T> T read(ProcessEngine engine, Supplier<T> query) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired()
                .execute(context -> context.runWithoutAuthorization(query::get));
    }
}
