package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_LocateCentralManagementStore} (H13 steps 1-3). */
@Component
class LocateCentralManagementStoreDelegate implements JavaDelegate {

    private final FailoverService service;

    LocateCentralManagementStoreDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FailoverVariables.writeOnce(execution, FailoverVariables.FAILOVER_DECIDED_AT, service.now());
        try {
            FailoverVariables.writeCentralManagementStore(execution, service.locateCentralManagementStore(
                    FailoverVariables.requireString(execution, FailoverVariables.FAILED_POOL_FQDN)));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
