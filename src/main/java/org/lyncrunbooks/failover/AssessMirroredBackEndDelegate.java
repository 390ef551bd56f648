package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_AssessMirroredBackEnd} in the start transaction: a refusal leaves no instance. */
@Component
class AssessMirroredBackEndDelegate implements JavaDelegate {

    private final MirrorRecoveryService service;

    AssessMirroredBackEndDelegate(MirrorRecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MirrorRecoveryService.Assessment assessment = service.start(
                (String) execution.getVariable(MirrorVariables.POOL_FQDN),
                (String) execution.getVariable(MirrorVariables.LOST_SQL_SERVER_FQDN));
        execution.setProcessBusinessKey(assessment.poolFqdn());
        MirrorVariables.writeAssessment(execution, assessment, service.checkInterval());
    }
}
