package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_DescribeEscalation}: a non-interrupting timer fired on a step that waited too long;
 * this says which step, for whom and since when ({@link Escalations}). The text is local to the escalation path, so
 * two escalations never overwrite each other.
 */
@Component
class DescribeEscalationDelegate implements JavaDelegate {

    private final Escalations escalations;

    DescribeEscalationDelegate(Escalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String summary = escalations.describe(execution.getProcessInstanceId(),
                RecoveryVariables.optionalString(execution, RecoveryVariables.FAILED_SERVER_FQDN).orElse("?"),
                RecoveryVariables.optionalString(execution, RecoveryVariables.PROCEDURE_TITLE).orElse(""),
                RecoveryVariables.escalateAfter(execution));
        RecoveryVariables.writeEscalationSummary(execution, summary);
    }
}
