package org.lyncrunbooks.recovery;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_AssessFailedServer}. It runs in the start transaction, so a refusal (unknown server,
 * missing or unpublished set) fails the start and leaves no instance behind. The failed server's FQDN becomes the
 * business key.
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
        String fqdn = RecoveryVariables.optionalString(execution, RecoveryVariables.FAILED_SERVER_FQDN)
                .orElseThrow(() -> new RecoveryRefusedException("failedServerFqdn is required: the FQDN of the server that failed"));
        Date incidentTime = RecoveryVariables.optionalDate(execution, RecoveryVariables.INCIDENT_TIME).orElseGet(Date::new);
        RecoveryService.Assessment assessment = service.assess(fqdn,
                RecoveryVariables.optionalString(execution, RecoveryVariables.BACKUP_SET_ID).orElse(null));
        execution.setProcessBusinessKey(assessment.plan().failedServerFqdn());
        RecoveryVariables.writeAssessment(execution, assessment, incidentTime, execution.getProcessInstanceId(),
                new Date(), properties.escalateAfter());
    }
}
