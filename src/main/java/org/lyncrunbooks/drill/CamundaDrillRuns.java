package org.lyncrunbooks.drill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    @Override
    public Map<String, String> active() {
        Map<String, String> active = new LinkedHashMap<>();
        for (ProcessInstance pi : runtime.createProcessInstanceQuery().processDefinitionKey(DrillProcess.KEY).list()) {
            active.put(pi.getBusinessKey() == null ? "" : pi.getBusinessKey(), pi.getId());
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
