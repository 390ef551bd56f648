package org.lyncrunbooks.backup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_AbandonBackupSet}: the run's set is marked and never published. */
@Component
class AbandonBackupSetDelegate implements JavaDelegate {

    private final BackupService service;

    AbandonBackupSetDelegate(BackupService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.abandon(BackupVariables.backupSetId(execution), BackupVariables.abandonReason(execution));
    }
}
