package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_RestoreLisConfiguration} (R4 step 13). */
@Component
class RestoreLisConfigurationDelegate implements JavaDelegate {

    private final RecoveryService service;

    RestoreLisConfigurationDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.restoreLisConfiguration(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID), RecoveryVariables.requireString(execution, RecoveryVariables.BACKUP_SET_ID));
    }
}
