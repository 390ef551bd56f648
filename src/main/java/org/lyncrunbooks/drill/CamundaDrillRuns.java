package org.lyncrunbooks.drill;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** {@link DrillRuns} read from the engine's runtime tables. */
@Component
class CamundaDrillRuns implements DrillRuns {

    private final RuntimeService runtime;

    CamundaDrillRuns(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** A drill waiting for the operators' review of its failure holds no scratch copy: it does not count. */
    @Override
    public Map<String, String> active() {
        Set<String> reviewing = new HashSet<>();
        runtime.createProcessInstanceQuery().processDefinitionKey(DrillProcess.KEY)
                .activityIdIn(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL).list().forEach(pi -> reviewing.add(pi.getId()));
        Map<String, String> active = new LinkedHashMap<>();
        for (ProcessInstance pi : runtime.createProcessInstanceQuery().processDefinitionKey(DrillProcess.KEY).list()) {
            if (!reviewing.contains(pi.getId())) {
                active.put(pi.getId(), pi.getBusinessKey() == null ? "" : pi.getBusinessKey());
            }
        }
        return active;
    }

    @Override
    public List<String> incidents(int limit) {
        return runtime.createIncidentQuery().processDefinitionKeyIn(DrillProcess.KEY, DrillProcess.SCHEDULE_KEY)
                .listPage(0, limit).stream().map(i -> i.getIncidentType() + " in process instance "
                        + i.getProcessInstanceId() + ": " + i.getIncidentMessage()).toList();
    }

    @Override
    public long incidentCount() {
        return runtime.createIncidentQuery().processDefinitionKeyIn(DrillProcess.KEY, DrillProcess.SCHEDULE_KEY).count();
    }
}
