package org.lyncrunbooks.drill;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_AssessDrill}: passed when no item failed; the failing items for the operators' task. */
@Component
class AssessDrillDelegate implements JavaDelegate {

    private final DrillService service;

    AssessDrillDelegate(DrillService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DrillService.Outcome outcome = service.assess(DrillVariables.requireSetId(execution));
        DrillVariables.writeOutcome(execution, outcome.passed(), outcome.failedItems(), outcome.summary());
    }
}
