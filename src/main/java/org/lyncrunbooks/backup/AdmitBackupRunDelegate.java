package org.lyncrunbooks.backup;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_AdmitBackupRun}, in the start transaction: a start that meets a run in progress is
 * refused (the start fails with that run's set id and leaves nothing behind) or, from the schedule, joins it; an
 * admitted run gets its set id as business key, so that the start's answer names the set.
 */
@Component
class AdmitBackupRunDelegate implements JavaDelegate {

    private final BackupAdmission admission;

    AdmitBackupRunDelegate(BackupAdmission admission) {
        this.admission = admission;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BackupAdmission.Admission admitted = admission.admit(execution.getProcessInstanceId(),
                execution.getProcessInstance().getSuperExecution() != null, BackupVariables.backupReason(execution));
        execution.setVariable(BackupVariables.JOINED_RUN_IN_PROGRESS, admitted.joined());
        if (admitted.joined()) {
            execution.setVariable(BackupVariables.JOINED_SET_ID, admitted.setId());
        } else {
            execution.setVariable(BackupVariables.RUN_STARTED_AT, Date.from(admitted.startedAt()));
            execution.setProcessBusinessKey(admitted.setId());
        }
    }
}
