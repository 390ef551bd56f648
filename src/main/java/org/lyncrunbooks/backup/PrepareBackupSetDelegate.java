package org.lyncrunbooks.backup;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.lyncrunbooks.backupset.BackupShareUnavailableException;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_PrepareBackupSet}: the run's set id becomes the business key, and the items are dealt
 * out to {@code lync.backup.worker.lanes} lanes (fewer when the run has fewer items).
 */
@Component
class PrepareBackupSetDelegate implements JavaDelegate {

    private final BackupService service;
    private final int lanes;

    PrepareBackupSetDelegate(BackupService service, BackupProperties properties) {
        this.service = service;
        this.lanes = properties.worker().lanes();
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            BackupService.PreparedRun run = service.prepare(BackupVariables.backupSetId(execution),
                    BackupVariables.runStartedAt(execution));
            BackupVariables.writePrepared(execution, run.setId(), run.itemCount(), Math.min(run.itemCount(), lanes));
            execution.setProcessBusinessKey(run.setId());
        } catch (BackupShareUnavailableException e) {
            throw new BpmnError(BackupProcess.ERROR_BACKUP_SHARE_UNAVAILABLE, e.getMessage());
        }
    }
}
