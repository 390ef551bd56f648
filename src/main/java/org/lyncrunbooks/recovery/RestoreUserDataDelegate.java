package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_RestoreUserData}: services stopped, user data imported, services started — in a pool
 * recovery, on the pool's servers that are not being rebuilt.
 */
@Component
class RestoreUserDataDelegate implements JavaDelegate {

    private final RecoveryService service;

    RestoreUserDataDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.restoreUserData(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID),
                RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN),
                RecoveryVariables.requireString(execution, RecoveryVariables.BACKUP_SET_ID),
                RecoveryVariables.poolLostServers(execution));
    }
}
