package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_AssessPoolFailback} in the start transaction: a refusal leaves no instance. */
@Component
class AssessPoolFailbackDelegate implements JavaDelegate {

    private final FailoverService service;

    AssessPoolFailbackDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FailoverService.Assessment assessment = service.startFailback(FailoverInputs.failbackStart(execution::getVariable));
        execution.setProcessBusinessKey(assessment.failedPoolFqdn());
        FailoverVariables.writeFailbackAssessment(execution, assessment);
    }
}
