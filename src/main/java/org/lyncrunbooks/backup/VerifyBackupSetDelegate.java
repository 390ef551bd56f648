package org.lyncrunbooks.backup;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_VerifyBackupSet}: re-hash every file, RESTORE VERIFYONLY every .bak. */
@Component
class VerifyBackupSetDelegate implements JavaDelegate {

    private final BackupService service;

    VerifyBackupSetDelegate(BackupService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.verify(BackupVariables.requireBackupSetId(execution));
        } catch (BackupVerificationException e) {
            throw new BpmnError(BackupProcess.ERROR_BACKUP_VERIFICATION_FAILED, e.getMessage());
        }
    }
}
