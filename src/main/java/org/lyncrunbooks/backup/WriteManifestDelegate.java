package org.lyncrunbooks.backup;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.lyncrunbooks.backupset.BackupShareUnavailableException;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_WriteManifest}. */
@Component
class WriteManifestDelegate implements JavaDelegate {

    private final BackupService service;

    WriteManifestDelegate(BackupService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.writeManifest(BackupVariables.requireBackupSetId(execution));
        } catch (BackupShareUnavailableException e) {
            throw new BpmnError(BackupProcess.ERROR_BACKUP_SHARE_UNAVAILABLE, e.getMessage());
        }
    }
}
