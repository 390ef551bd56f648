package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_ExportConfigurationForEdge}: the Edge imports it in Deployment Wizard step 1 (P7). */
@Component
class ExportConfigurationForEdgeDelegate implements JavaDelegate {

    private final RecoveryService service;

    ExportConfigurationForEdgeDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecoveryVariables.writeEdgeConfigurationPath(execution, service.exportConfigurationForEdge(
                RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID),
                RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN)));
    }
}
