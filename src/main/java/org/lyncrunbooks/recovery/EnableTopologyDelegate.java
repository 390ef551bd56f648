package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_EnableTopology} (R4 step 9, R10 step 2). */
@Component
class EnableTopologyDelegate implements JavaDelegate {

    private final RecoveryService service;

    EnableTopologyDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.enableTopology(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID));
    }
}
