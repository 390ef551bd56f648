package org.lyncrunbooks.drill;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_PrepareDrill}: earlier drills' leftovers removed, this drill's record written. */
@Component
class PrepareDrillDelegate implements JavaDelegate {

    private final DrillService service;

    PrepareDrillDelegate(DrillService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DrillVariables.writeItemCount(execution, service.prepare(DrillVariables.requireSetId(execution),
                execution.getProcessInstanceId()));
    }
}
