package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements the failback's {@code ServiceTask_LocateCentralManagementStore}: did the failover move the store? */
@Component
class LocateStoreForFailbackDelegate implements JavaDelegate {

    private final FailoverService service;

    LocateStoreForFailbackDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            execution.setVariable(FailoverVariables.CMS_AWAY_FROM_HOME, service.centralManagementStoreAwayFromHome(
                    FailoverVariables.requireString(execution, FailoverVariables.POOL_FQDN),
                    FailoverVariables.requireString(execution, FailoverVariables.BACKUP_POOL_FQDN)));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
