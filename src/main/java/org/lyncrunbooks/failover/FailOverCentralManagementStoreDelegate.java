package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_FailOverCentralManagementStore} (H13 step 4). */
@Component
class FailOverCentralManagementStoreDelegate implements JavaDelegate {

    private final FailoverService service;

    FailOverCentralManagementStoreDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FailoverVariables.writeOnce(execution, FailoverVariables.CMS_FAILOVER_STARTED_AT, service.now());
        try {
            service.failOverCentralManagementStore(FailoverVariables.requireString(execution, FailoverVariables.CMS_POOL_FQDN));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
