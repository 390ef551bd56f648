package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_CheckSurvivingPrincipal} (every database type principal on the surviving side). */
@Component
class CheckSurvivingPrincipalDelegate implements JavaDelegate {

    private final MirrorRecoveryService service;

    CheckSurvivingPrincipalDelegate(MirrorRecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.checkSurvivingPrincipal(MirrorVariables.requireString(execution, MirrorVariables.POOL_FQDN),
                    MirrorVariables.databaseTypes(execution),
                    MirrorVariables.requireString(execution, MirrorVariables.SURVIVING_SIDE));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
