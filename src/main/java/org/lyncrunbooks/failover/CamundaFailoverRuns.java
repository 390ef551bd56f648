package org.lyncrunbooks.failover;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/** {@link FailoverRuns} read from the engine's history, with the caller's authorizations. */
@Component
class CamundaFailoverRuns implements FailoverRuns {

    private static final String[] VARIABLES = {FailoverVariables.FAILED_POOL_FQDN, FailoverVariables.POOL_FQDN,
            FailoverVariables.BACKUP_POOL_FQDN, FailoverVariables.INCIDENT_REFERENCE, FailoverVariables.FAILOVER_STARTED_AT,
            FailoverVariables.LAST_SYNC_AT, FailoverVariables.FAILOVER_DECIDED_AT, FailoverVariables.CMS_FAILOVER_STARTED_AT,
            FailoverVariables.CMS_FAILED_OVER_AT, FailoverVariables.POOL_FAILED_OVER_AT, FailoverVariables.POOL_FAILED_BACK_AT,
            FailoverVariables.RECOVERY_CHOICE};

    private final HistoryService history;

    CamundaFailoverRuns(HistoryService history) {
        this.history = history;
    }

    @Override
    public List<Run> newestFirst(int max) {
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processDefinitionKeyIn(FailoverProcess.KEY, FailbackProcess.KEY).orderByProcessInstanceStartTime().desc()
                .listPage(0, max);
        if (instances.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Object>> variables = new HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
                .variableNameIn(VARIABLES).disableBinaryFetching().list()) {
            if (v.getValue() != null) {
                variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(),
                        v.getValue() instanceof Date d ? d.toInstant() : v.getValue());
            }
        }
        return instances.stream().map(pi -> new Run(pi.getId(), pi.getProcessDefinitionKey(), pi.getBusinessKey(),
                instant(pi.getStartTime()), instant(pi.getEndTime()), pi.getEndActivityId(),
                variables.getOrDefault(pi.getId(), Map.of()))).toList();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
