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
        Date incidentTime = request.incidentTime() == null ? new Date() : Date.from(request.incidentTime());
        RecoveryService.Assessment assessment = service.start(request);
        execution.setProcessBusinessKey(assessment.plan().failedServerFqdn());
        RecoveryVariables.writeAssessment(execution, assessment, incidentTime, execution.getProcessInstanceId(),
                new Date(), properties.escalateAfter());
    }
}
