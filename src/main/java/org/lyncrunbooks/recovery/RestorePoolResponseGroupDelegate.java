package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_RestoreResponseGroup} of {@code lync-recovery-pool}: the Back End's Response Group
 * configuration, restored once the Front Ends that run the service are back.
 */
@Component
class RestorePoolResponseGroupDelegate implements JavaDelegate {

    private final PoolRecoveries service;

    RestorePoolResponseGroupDelegate(PoolRecoveries service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.restoreResponseGroup(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID),
                RecoveryVariables.requireString(execution, RecoveryVariables.RESPONSE_GROUP_SERVER),
                RecoveryVariables.requireString(execution, RecoveryVariables.BACKUP_SET_ID));
    }
}
