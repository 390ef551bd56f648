package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_InstallMirror} (Install-CsMirrorDatabase -ConfiguredDatabases, R6 step 5, R7 step 3). */
@Component
class InstallMirrorDelegate implements JavaDelegate {

    private final MirrorRecoveryService service;

    InstallMirrorDelegate(MirrorRecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.installMirror(MirrorVariables.requireString(execution, MirrorVariables.SURVIVING_SQL_SERVER_FQDN));
            execution.setVariable(MirrorVariables.SYNCHRONIZATION_CHECKS, 0);
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
