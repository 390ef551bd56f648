package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_SetConfigurationStoreLocation} (R4 step 7). */
@Component
class SetConfigurationStoreLocationDelegate implements JavaDelegate {

    private final RecoveryService service;

    SetConfigurationStoreLocationDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.setConfigurationStoreLocation(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID), RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN));
    }
}
