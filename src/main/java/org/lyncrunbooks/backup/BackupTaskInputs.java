package org.lyncrunbooks.backup;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.lyncrunbooks.workflow.RequestRefusedException;
import org.lyncrunbooks.workflow.SubmittedValues;
import org.lyncrunbooks.workflow.TaskInputRules;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What operators decide on a backup run's review, checked for REST callers as for Tasklist: retry or abandon, never
 * assumed, and an abandoned run says why.
 */
@Component
@Order(2)
class BackupTaskInputs implements TaskInputRules {

    /** The longest reason, as in the form. */
    static final Map<String, Integer> TEXT_LIMITS = Map.of(BackupVariables.ABANDON_REASON, 500);

    @Override
    public Set<String> decisions(String taskDefinitionKey) {
        return BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP.equals(taskDefinitionKey)
                ? Set.of(BackupVariables.REVIEW_DECISION, BackupVariables.ABANDON_REASON) : Set.of();
    }

    @Override
    public void check(String taskDefinitionKey, Function<String, Object> variables) {
        if (!BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP.equals(taskDefinitionKey)) {
            return;
        }
        SubmittedValues values = new SubmittedValues(variables);
        values.withinLimits(TEXT_LIMITS);
        String decision = values.choice(BackupVariables.REVIEW_DECISION, "Retry the failed items or abandon the run?",
                List.of(BackupProcess.DECISION_RETRY, BackupProcess.DECISION_ABANDON));
        if (BackupProcess.DECISION_ABANDON.equals(decision)
                && values.text(BackupVariables.ABANDON_REASON, "Why abandon this run").isEmpty()) {
            throw new RequestRefusedException(RequestRefusedException.Status.BAD_REQUEST, "abandoning a run: say why in "
                    + "'Why abandon this run?' (" + BackupVariables.ABANDON_REASON + "); the run is never published");
        }
    }
}
