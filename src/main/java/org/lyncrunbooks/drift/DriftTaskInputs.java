package org.lyncrunbooks.drift;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.lyncrunbooks.workflow.SubmittedValues;
import org.lyncrunbooks.workflow.TaskInputRules;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The "Topology changed" task is completed only by saying it was handled; the note is bounded as in the form. */
@Component
@Order(20)
class DriftTaskInputs implements TaskInputRules {

    static final Map<String, Integer> TEXT_LIMITS = Map.of(TopologyDriftVariables.NOTE, 500);

    @Override
    public Set<String> decisions(String taskDefinitionKey) {
        return TopologyDriftProcess.USER_TASK_UPDATE_TOPOLOGY_FILE.equals(taskDefinitionKey)
                ? Set.of(TopologyDriftVariables.DECISION, TopologyDriftVariables.NOTE) : Set.of();
    }

    @Override
    public void check(String taskDefinitionKey, Function<String, Object> variables) {
        if (!TopologyDriftProcess.USER_TASK_UPDATE_TOPOLOGY_FILE.equals(taskDefinitionKey)) {
            return;
        }
        SubmittedValues values = new SubmittedValues(variables);
        values.withinLimits(TEXT_LIMITS);
        values.choice(TopologyDriftVariables.DECISION, "Was the topology file updated?",
                List.of(TopologyDriftProcess.DECISION_HANDLED));
    }
}
