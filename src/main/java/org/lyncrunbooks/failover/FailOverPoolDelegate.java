package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_FailOverPool} (H13 step 5). */
@Component
class FailOverPoolDelegate implements JavaDelegate {

    private final FailoverService service;

    FailOverPoolDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.failOverPool(FailoverVariables.requireString(execution, FailoverVariables.FAILED_POOL_FQDN));
            FailoverVariables.writePoolFailedOver(execution, service.now());
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
