package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_InstallCentralManagementDatabase} (R4 step 6): onto an instance without a
 * configuration, or with an override a manager approved; an approval is used once.
 */
@Component
class InstallCentralManagementDatabaseDelegate implements JavaDelegate {

    private final RecoveryService service;

    InstallCentralManagementDatabaseDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.installCentralManagementDatabase(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID),
                    RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN),
                    RecoveryVariables.flag(execution, RecoveryVariables.OVERRIDE_APPROVED));
        } catch (RestoreTargetNotCleanException e) {
            throw new BpmnError(RecoveryProcess.ERROR_RESTORE_TARGET_NOT_CLEAN, RecoveryVariables.text(e.getMessage()));
        }
        execution.setVariable(RecoveryVariables.OVERRIDE_APPROVED, false);
    }
}
