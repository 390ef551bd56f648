package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_AssessFailoverSituation}: the two data-loss windows the manager weighs. */
@Component
class AssessFailoverSituationDelegate implements JavaDelegate {

    private final FailoverService service;

    AssessFailoverSituationDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            FailoverVariables.writeSituation(execution, service.situation(
                    FailoverVariables.requireString(execution, FailoverVariables.FAILED_POOL_FQDN),
                    FailoverVariables.requireString(execution, FailoverVariables.BACKUP_POOL_FQDN)), service.now());
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
