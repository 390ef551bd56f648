package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_CheckChosenBackupSet}: the set an operator chose must exist, be published and hold what the procedure needs. */
@Component
class CheckChosenBackupSetDelegate implements JavaDelegate {

    private final RecoveryService service;

    CheckChosenBackupSetDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            RecoveryVariables.writeSet(execution, service.assess(RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN),
                    RecoveryVariables.optionalString(execution, RecoveryVariables.BACKUP_SET_ID).orElse(null)));
        } catch (RecoveryRefusedException e) {
            throw new BpmnError(RecoveryProcess.ERROR_BACKUP_SET_NOT_AVAILABLE, RecoveryVariables.text(e.getMessage()));
        }
    }
}
