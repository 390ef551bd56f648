package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements the failback's {@code ServiceTask_FailBackCentralManagementStore} (H4, when the operator chose it). */
@Component
class FailBackCentralManagementStoreDelegate implements JavaDelegate {

    private final FailoverService service;

    FailBackCentralManagementStoreDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.failBackCentralManagementStore(FailoverVariables.requireString(execution, FailoverVariables.POOL_FQDN),
                    FailoverVariables.requireString(execution, FailoverVariables.BACKUP_POOL_FQDN));
            FailoverVariables.write(execution, FailoverVariables.CMS_FAILED_BACK_AT, service.now());
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
