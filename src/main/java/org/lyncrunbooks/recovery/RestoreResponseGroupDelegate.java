package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_RestoreResponseGroup} (R13). */
@Component
class RestoreResponseGroupDelegate implements JavaDelegate {

    private final RecoveryService service;

    RestoreResponseGroupDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.restoreResponseGroup(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID), RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN), RecoveryVariables.requireString(execution, RecoveryVariables.BACKUP_SET_ID));
    }
}
