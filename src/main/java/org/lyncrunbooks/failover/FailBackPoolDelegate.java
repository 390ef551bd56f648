package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_FailBackPool} (H14). */
@Component
class FailBackPoolDelegate implements JavaDelegate {

    private final FailoverService service;

    FailBackPoolDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.failBackPool(FailoverVariables.requireString(execution, FailoverVariables.POOL_FQDN));
            FailoverVariables.write(execution, FailoverVariables.POOL_FAILED_BACK_AT, service.now());
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
