package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_ReadMirrorState} (Get-CsDatabaseMirrorState per database type). */
@Component
class ReadMirrorStateDelegate implements JavaDelegate {

    private final MirrorRecoveryService service;

    ReadMirrorStateDelegate(MirrorRecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            MirrorVariables.writeState(execution, service.readState(
                    MirrorVariables.requireString(execution, MirrorVariables.POOL_FQDN),
                    MirrorVariables.databaseTypes(execution),
                    MirrorVariables.requireString(execution, MirrorVariables.SURVIVING_SIDE),
                    MirrorVariables.requireString(execution, MirrorVariables.LOST_SIDE)));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
