package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_SynchronizeBackupService}: steady state in both directions before failback (H14). */
@Component
class SynchronizeBackupServiceDelegate implements JavaDelegate {

    private final FailoverService service;

    SynchronizeBackupServiceDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.synchronizeBackupService(FailoverVariables.requireString(execution, FailoverVariables.POOL_FQDN),
                    FailoverVariables.requireString(execution, FailoverVariables.BACKUP_POOL_FQDN));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
