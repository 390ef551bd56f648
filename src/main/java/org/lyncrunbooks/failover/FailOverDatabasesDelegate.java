package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_FailOverDatabases} (Invoke-CsDatabaseFailover -Force, H17, R6 step 1). */
@Component
class FailOverDatabasesDelegate implements JavaDelegate {

    private final MirrorRecoveryService service;

    FailOverDatabasesDelegate(MirrorRecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.failOverDatabases(MirrorVariables.requireString(execution, MirrorVariables.POOL_FQDN),
                    MirrorVariables.databaseTypes(execution),
                    MirrorVariables.requireString(execution, MirrorVariables.SURVIVING_SIDE));
            FailoverVariables.writeOnce(execution, MirrorVariables.DATABASES_FAILED_OVER_AT, service.now());
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
