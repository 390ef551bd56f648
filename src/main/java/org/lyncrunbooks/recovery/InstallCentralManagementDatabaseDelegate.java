package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_InstallCentralManagementDatabase} (R4 step 6). */
@Component
class InstallCentralManagementDatabaseDelegate implements JavaDelegate {

    private final RecoveryService service;

    InstallCentralManagementDatabaseDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.installCentralManagementDatabase(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID), RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN));
    }
}
