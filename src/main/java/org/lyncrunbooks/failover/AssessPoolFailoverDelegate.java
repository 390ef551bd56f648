package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_AssessPoolFailover} in the start transaction: a refusal leaves no instance; the pool's FQDN as the topology spells it becomes the business key. No decision is set here. */
@Component
class AssessPoolFailoverDelegate implements JavaDelegate {

    private final FailoverService service;

    AssessPoolFailoverDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FailoverService.Assessment assessment = service.start(FailoverInputs.start(execution::getVariable));
        execution.setProcessBusinessKey(assessment.failedPoolFqdn());
        FailoverVariables.writeAssessment(execution, assessment);
    }
}
