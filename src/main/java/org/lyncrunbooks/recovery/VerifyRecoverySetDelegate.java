package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_VerifyRecoverySet}: a set whose checksums do not match is never restored from. */
@Component
class VerifyRecoverySetDelegate implements JavaDelegate {

    private final RecoveryService service;

    VerifyRecoverySetDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.verifySet(RecoveryVariables.requireString(execution, RecoveryVariables.BACKUP_SET_ID));
        } catch (BackupSetInvalidException e) {
            throw new BpmnError(RecoveryProcess.ERROR_BACKUP_SET_INVALID, RecoveryVariables.text(e.getMessage()));
        }
    }
}
