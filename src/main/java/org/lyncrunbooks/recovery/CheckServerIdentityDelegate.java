package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_CheckServerIdentity}: the person said the server is back with the same FQDN; DNS must agree. */
@Component
class CheckServerIdentityDelegate implements JavaDelegate {

    private final RecoveryService service;

    CheckServerIdentityDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecoveryService.CheckResult result = RecoveryVariables.flag(execution, RecoveryVariables.SAME_FQDN_CONFIRMED)
                ? service.checkServerIdentity(RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN),
                RecoveryVariables.optionalString(execution, RecoveryVariables.SERVER_IP_ADDRESS).orElse(null))
                : new RecoveryService.CheckResult(false, "Confirm that the new computer is named " + RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN)
                + " and that its AD computer account was kept.");
        RecoveryVariables.writeIdentityCheck(execution, result);
    }
}
