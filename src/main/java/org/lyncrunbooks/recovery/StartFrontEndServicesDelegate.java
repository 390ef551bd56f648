package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_StartFrontEndServices}: every Front End of the pool started together (R9). */
@Component
class StartFrontEndServicesDelegate implements JavaDelegate {

    private final PoolRecoveries service;

    StartFrontEndServicesDelegate(PoolRecoveries service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.startFrontEnds(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID),
                RecoveryVariables.requireString(execution, RecoveryVariables.POOL_FQDN));
    }
}
