package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_RepointEdgeServers} (H13 step 0). */
@Component
class RepointEdgeServersDelegate implements JavaDelegate {

    private final FailoverService service;

    RepointEdgeServersDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.repointEdgeServers(FailoverVariables.requireString(execution, FailoverVariables.FAILED_POOL_FQDN),
                    FailoverVariables.requireString(execution, FailoverVariables.BACKUP_POOL_FQDN));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
