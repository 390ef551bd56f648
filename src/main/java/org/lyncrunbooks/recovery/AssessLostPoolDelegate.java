package org.lyncrunbooks.recovery;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_AssessLostPool} of {@code lync-recovery-pool}. It runs in the start transaction, so a
 * refusal fails the start and leaves no instance behind. The pool's FQDN, as the topology spells it, becomes the
 * business key; no decision variable is set here.
 */
@Component
class AssessLostPoolDelegate implements JavaDelegate {

    private final PoolRecoveries service;
    private final RecoveryProperties properties;

    AssessLostPoolDelegate(PoolRecoveries service, RecoveryProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecoveryInputs.PoolStartRequest request = RecoveryInputs.poolStart(execution::getVariable);
        PoolRecoveries.PoolPlan plan = service.start(request);
        execution.setProcessBusinessKey(plan.poolFqdn());
        Date incidentTime = request.incidentTime() == null ? new Date() : Date.from(request.incidentTime());
        RecoveryVariables.writePoolAssessment(execution, plan, incidentTime, execution.getProcessInstanceId(),
                properties.escalateAfter());
    }
}
