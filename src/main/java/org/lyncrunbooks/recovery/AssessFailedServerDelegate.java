package org.lyncrunbooks.recovery;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_AssessFailedServer}. It runs in the start transaction, so a refusal (a missing or
 * malformed value, an unknown server, a recovery of the same server already running, a server that still answers
 * without a reason to rebuild it, a missing or unpublished set) fails the start and leaves no instance behind. The
 * failed server's FQDN, as the topology spells it, becomes the business key. No decision variable is set here: the
 * people decide them on their tasks.
 */
@Component
class AssessFailedServerDelegate implements JavaDelegate {

    private final RecoveryService service;
    private final RecoveryProperties properties;

    AssessFailedServerDelegate(RecoveryService service, RecoveryProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecoveryInputs.StartRequest request = RecoveryInputs.start(execution::getVariable);
        DelegateExecution pool = calledByPoolRecovery(execution);
        if (pool != null) {
            request = request.partOf(pool.getProcessInstanceId());
        }
        Date incidentTime = request.incidentTime() == null ? new Date() : Date.from(request.incidentTime());
        RecoveryService.Assessment assessment = service.start(request);
        execution.setProcessBusinessKey(assessment.plan().failedServerFqdn());
        RecoveryVariables.writeAssessment(execution, assessment, incidentTime, execution.getProcessInstanceId(),
                new Date(), properties.escalateAfter());
        // from the calling pool recovery only: a start cannot claim an approval nobody gave
        RecoveryVariables.writePoolContext(execution,
                pool != null && Boolean.TRUE.equals(pool.getVariable(RecoveryVariables.DATA_LOSS_APPROVED))
                        ? RecoveryVariables.optionalString(pool, RecoveryVariables.BACKUP_SET_ID).orElse(null) : null,
                pool == null ? null : RecoveryVariables.optionalString(pool, RecoveryVariables.LOST_SERVERS).orElse(null),
                pool != null && assessment.plan().failedServerFqdn().equalsIgnoreCase(
                        RecoveryVariables.optionalString(pool, RecoveryVariables.RESPONSE_GROUP_SERVER).orElse("")));
    }

    /** The pool recovery's execution that called this recovery, or null when a person started it. */
    private static DelegateExecution calledByPoolRecovery(DelegateExecution execution) {
        DelegateExecution caller = execution.getSuperExecution();
        return caller != null && caller.getProcessDefinitionId() != null
                && caller.getProcessDefinitionId().startsWith(RecoveryProcess.Pool.KEY + ":") ? caller : null;
    }
}
