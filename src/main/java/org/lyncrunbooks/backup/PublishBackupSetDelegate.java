package org.lyncrunbooks.backup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_PublishBackupSet}: rename the set, then move CURRENT. */
@Component
class PublishBackupSetDelegate implements JavaDelegate {

    private final BackupService service;

    PublishBackupSetDelegate(BackupService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.publish(BackupVariables.requireBackupSetId(execution));
    }
}
