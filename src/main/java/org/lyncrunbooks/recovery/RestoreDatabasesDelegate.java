package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_RestoreDatabases}: onto clean databases, or with an override a manager approved; an approval is used once. */
@Component
class RestoreDatabasesDelegate implements JavaDelegate {

    private final RecoveryService service;

    RestoreDatabasesDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.restoreDatabases(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID),
                    RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN),
                    RecoveryVariables.requireString(execution, RecoveryVariables.BACKUP_SET_ID),
                    RecoveryVariables.flag(execution, RecoveryVariables.OVERRIDE_APPROVED),
                    RecoveryVariables.optionalString(execution, RecoveryVariables.SQL_DATA_FOLDER).orElse(null),
                    RecoveryVariables.optionalString(execution, RecoveryVariables.SQL_LOG_FOLDER).orElse(null));
        } catch (RestoreTargetNotCleanException e) {
            throw new BpmnError(RecoveryProcess.ERROR_RESTORE_TARGET_NOT_CLEAN, RecoveryVariables.text(e.getMessage()));
        }
        RecoveryVariables.overrideUsed(execution);
    }
}
