package org.lyncrunbooks.drill;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_DrillItem}, one job per item: the item whose index is the loop counter is restored
 * into its scratch target, checked and removed; its result goes into the drill's record, failed or not.
 */
@Component
class DrillItemDelegate implements JavaDelegate {

    private final DrillService service;

    DrillItemDelegate(DrillService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.drillItem(DrillVariables.requireSetId(execution), DrillVariables.itemIndex(execution));
    }
}
