package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_CheckMirrorSynchronized} (Get-CsDatabaseMirrorState until synchronized, bounded). */
@Component
class CheckMirrorSynchronizedDelegate implements JavaDelegate {

    private final MirrorRecoveryService service;

    CheckMirrorSynchronizedDelegate(MirrorRecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            Object done = execution.getVariable(MirrorVariables.SYNCHRONIZATION_CHECKS);
            int checks = done instanceof Number n ? n.intValue() : 0;
            boolean synced = service.mirrorSynchronized(MirrorVariables.requireString(execution, MirrorVariables.POOL_FQDN),
                    MirrorVariables.databaseTypes(execution), checks);
            execution.setVariable(MirrorVariables.SYNCHRONIZATION_CHECKS, checks + 1);
            execution.setVariable(MirrorVariables.MIRROR_SYNCHRONIZED, synced);
            if (synced) {
                FailoverVariables.write(execution, MirrorVariables.MIRROR_REESTABLISHED_AT, service.now());
            }
        } catch (FailoverStepBlockedException e) {
            // a retry starts counting again
            execution.setVariable(MirrorVariables.SYNCHRONIZATION_CHECKS, 0);
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
