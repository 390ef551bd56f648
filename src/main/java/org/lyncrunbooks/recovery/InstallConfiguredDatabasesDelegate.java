package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_InstallConfiguredDatabases} (R4 step 10, R5 step 4). */
@Component
class InstallConfiguredDatabasesDelegate implements JavaDelegate {

    private final RecoveryService service;

    InstallConfiguredDatabasesDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.installConfiguredDatabases(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID), RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN));
    }
}
