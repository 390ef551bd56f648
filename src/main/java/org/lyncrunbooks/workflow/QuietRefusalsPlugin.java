package org.lyncrunbooks.workflow;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.springframework.stereotype.Component;

/**
 * The engine logs a failed command at ERROR with its stack trace (ENGINE-16004, logger
 * {@code org.camunda.bpm.engine.context}) unless it is one of the exceptions it expects from users — a
 * {@code BadUserRequestException}, an optimistic-locking or authorization failure — which it logs at DEBUG. A runbook's
 * refusal of what a person asked for ({@link RequestRefusedException}) is such an expected failure, but the engine
 * often wraps it (a task listener's exception becomes a plain {@code ProcessEngineException}), so the engine's own
 * test misses it. This plugin gives the engine command contexts that look for a refusal among the causes as well:
 * a refusal is then logged once, as one WARN line, where it is answered ({@link RefusalResponses}), and a monitor
 * that alerts on ERROR does not fire for a typo.
 */
@Component
class QuietRefusalsPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandContextFactory factory = new CommandContextFactory() {
            @Override
            public CommandContext createCommandContext() {
                return new RefusalAwareCommandContext(processEngineConfiguration);
            }
        };
        factory.setProcessEngineConfiguration(configuration);
        configuration.setCommandContextFactory(factory);
    }

    static final class RefusalAwareCommandContext extends CommandContext {

        RefusalAwareCommandContext(ProcessEngineConfigurationImpl configuration) {
            super(configuration);
        }

        @Override
        protected boolean shouldLogFine(Throwable exception) {
            return super.shouldLogFine(exception) || RequestRefusedException.in(exception).isPresent();
        }
    }
}
