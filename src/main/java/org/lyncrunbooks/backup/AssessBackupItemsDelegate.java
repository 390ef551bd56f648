package org.lyncrunbooks.backup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_AssessBackupItems}: did every item succeed, and if not, what failed and why. */
@Component
class AssessBackupItemsDelegate implements JavaDelegate {

    private final BackupService service;

    AssessBackupItemsDelegate(BackupService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BackupService.Assessment assessment = service.assess(BackupVariables.requireBackupSetId(execution));
        BackupVariables.writeAssessment(execution, assessment.failedCount(), assessment.summary());
    }
}
