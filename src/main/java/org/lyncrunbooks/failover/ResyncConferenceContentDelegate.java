package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_ResyncConferenceContent} (H16). */
@Component
class ResyncConferenceContentDelegate implements JavaDelegate {

    private final FailoverService service;

    ResyncConferenceContentDelegate(FailoverService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            service.resyncConferenceContent(FailoverVariables.requireString(execution, FailoverVariables.POOL_FQDN));
        } catch (FailoverStepBlockedException e) {
            throw FailoverVariables.blocked(execution, e);
        }
    }
}
