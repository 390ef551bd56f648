package org.lyncrunbooks.workflow;

import java.util.Set;
import java.util.function.Function;

/**
 * What a capability's people decide and submit on its user tasks, for {@link TaskSafetyPlugin}: which variables a
 * task asks a person to decide (none of them is set when the task appears, so no answer is chosen for them), and
 * the check of what was submitted when the task is completed — the same rules the form has, enforced for REST
 * callers too. Plain Java: it sees variables through a function, not the engine.
 */
public interface TaskInputRules {

    /** The decision variables (and their reasons) of the task {@code taskDefinitionKey}; empty for other tasks. */
    Set<String> decisions(String taskDefinitionKey);

    /**
     * Checks what a person submitted on completing the task {@code taskDefinitionKey}.
     *
     * @param variables the task's variables as they stand with the submitted values
     * @throws RequestRefusedException naming what is missing or wrong; the completion then changes nothing
     */
    void check(String taskDefinitionKey, Function<String, Object> variables);
}
