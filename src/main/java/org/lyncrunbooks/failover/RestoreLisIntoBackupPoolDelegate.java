package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_RestoreLisIntoBackupPool} (H9, H13 step 6). */
@Component
class RestoreLisIntoBackupPoolDelegate implements JavaDelegate {

    private final FailoverService service;

    RestoreLisIntoBackupPoolDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.restoreLisIntoBackupPool(FailoverVariables.string(execution, FailoverVariables.BACKUP_SET_ID));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
