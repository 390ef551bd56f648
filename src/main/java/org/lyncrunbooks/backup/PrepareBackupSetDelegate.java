package org.lyncrunbooks.backup;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.lyncrunbooks.backupset.BackupShareUnavailableException;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_PrepareBackupSet}: the run's set id becomes the business key. */
@Component
class PrepareBackupSetDelegate implements JavaDelegate {

    private final BackupService service;

    PrepareBackupSetDelegate(BackupService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            BackupService.PreparedRun run = service.prepare(BackupVariables.backupSetId(execution));
            BackupVariables.writePrepared(execution, run.setId(), run.itemCount());
            execution.setProcessBusinessKey(run.setId());
        } catch (BackupShareUnavailableException e) {
            throw new BpmnError(BackupProcess.ERROR_BACKUP_SHARE_UNAVAILABLE, e.getMessage());
        }
    }
}
