package org.lyncrunbooks.drill;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_ChooseDrillSet}, in the start's own transaction: the set becomes the business key, and
 * a start that names no published set (or comes while another drill runs) is refused with the reason, leaving no
 * instance behind; the schedule's start skips instead.
 */
@Component
class ChooseDrillSetDelegate implements JavaDelegate {

    private final DrillService service;

    ChooseDrillSetDelegate(DrillService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DrillService.Choice choice = service.choose(DrillVariables.requestedSetId(execution),
                DrillVariables.scheduledStart(execution), execution.getProcessInstanceId());
        DrillVariables.writeChoice(execution, choice.setId(), choice.skipReason());
        choice.setId().ifPresent(execution::setProcessBusinessKey);
    }
}
