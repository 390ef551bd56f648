package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_UninstallMirror} (Uninstall-CsMirrorDatabase per database type, R6 step 3, R7 step 1). */
@Component
class UninstallMirrorDelegate implements JavaDelegate {

    private final MirrorRecoveryService service;

    UninstallMirrorDelegate(MirrorRecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.uninstallMirror(MirrorVariables.requireString(execution, MirrorVariables.POOL_FQDN),
                    MirrorVariables.databaseTypes(execution),
                    MirrorVariables.requireString(execution, MirrorVariables.SURVIVING_SQL_SERVER_FQDN),
                    MirrorVariables.requireString(execution, MirrorVariables.SQL_INSTANCE_NAME));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
