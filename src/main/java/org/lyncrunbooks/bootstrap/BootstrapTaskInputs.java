package org.lyncrunbooks.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.lyncrunbooks.workflow.RequestRefusedException;
import org.lyncrunbooks.workflow.SubmittedValues;
import org.lyncrunbooks.workflow.TaskInputRules;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** What an administrator decides on a restored instance, checked for REST callers as for Tasklist. */
@Component
@Order(3)
class BootstrapTaskInputs implements TaskInputRules {

    static final Map<String, Integer> TEXT_LIMITS = Map.of(BootstrapVariables.REVIEW_REASON, 500);

    @Override
    public Set<String> decisions(String taskDefinitionKey) {
        return BootstrapProcess.USER_TASK_REVIEW_RESTORED_INSTANCE.equals(taskDefinitionKey)
                ? Set.of(BootstrapVariables.REVIEW_DECISION, BootstrapVariables.REVIEW_REASON) : Set.of();
    }

    @Override
    public void check(String taskDefinitionKey, Function<String, Object> variables) {
        if (!BootstrapProcess.USER_TASK_REVIEW_RESTORED_INSTANCE.equals(taskDefinitionKey)) {
            return;
        }
        SubmittedValues values = new SubmittedValues(variables);
        values.withinLimits(TEXT_LIMITS);
        values.choice(BootstrapVariables.REVIEW_DECISION, "Continue the instance or cancel it?",
                List.of(BootstrapProcess.DECISION_CONTINUE, BootstrapProcess.DECISION_CANCEL));
        if (values.text(BootstrapVariables.REVIEW_REASON, "Why").isEmpty()) {
            throw new RequestRefusedException(RequestRefusedException.Status.BAD_REQUEST, "say why in 'Why?' ("
                    + BootstrapVariables.REVIEW_REASON + "); it is recorded with the decision");
        }
    }
}
