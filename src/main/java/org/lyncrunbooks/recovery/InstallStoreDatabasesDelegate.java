package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_InstallStoreDatabases} (R11, R12). */
@Component
class InstallStoreDatabasesDelegate implements JavaDelegate {

    private final RecoveryService service;

    InstallStoreDatabasesDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.installStoreDatabases(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID), RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN));
    }
}
