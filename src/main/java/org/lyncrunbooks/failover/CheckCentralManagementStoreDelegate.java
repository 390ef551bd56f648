package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_CheckCentralManagementStore}: the validation Microsoft asks for after the store failover. */
@Component
class CheckCentralManagementStoreDelegate implements JavaDelegate {

    private final FailoverService service;

    CheckCentralManagementStoreDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.checkCentralManagementStore(FailoverVariables.requireString(execution, FailoverVariables.CMS_POOL_FQDN),
                    FailoverVariables.requireString(execution, FailoverVariables.FAILED_POOL_FQDN));
            FailoverVariables.write(execution, FailoverVariables.CMS_FAILED_OVER_AT, service.now());
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
