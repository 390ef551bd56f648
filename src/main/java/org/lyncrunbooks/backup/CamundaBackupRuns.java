package org.lyncrunbooks.backup;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/** {@link BackupRuns} from the engine's history: three queries, each bounded by the sets asked for. */
@Component
class CamundaBackupRuns implements BackupRuns {

    private final HistoryService history;

    CamundaBackupRuns(HistoryService history) {
        this.history = history;
    }

    @Override
    public States of(Collection<String> setIds) {
        if (setIds.isEmpty()) {
            return States.NONE;
        }
        String[] ids = setIds.toArray(String[]::new);
        Map<String, HistoricProcessInstance> bySet = new HashMap<>();
        for (HistoricProcessInstance pi : history.createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY)
                .processInstanceBusinessKeyIn(ids).list()) {
            bySet.merge(pi.getBusinessKey(), pi, (a, b) -> a.getStartTime().after(b.getStartTime()) ? a : b);
        }
        Set<String> failed = new HashSet<>();
        history.createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY).processInstanceBusinessKeyIn(ids)
                .executedActivityIdIn(BackupProcess.BOUNDARY_EVENT_VERIFICATION_FAILED).list()
                .forEach(pi -> failed.add(pi.getBusinessKey()));
        Set<String> waiting = new HashSet<>();
        history.createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY).processInstanceBusinessKeyIn(ids)
                .activeActivityIdIn(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP).list()
                .forEach(pi -> waiting.add(pi.getBusinessKey()));
        Map<String, Run> runs = new HashMap<>();
        bySet.forEach((setId, pi) -> runs.put(setId, new Run(setId, pi.getStartTime().toInstant(),
                pi.getEndTime() == null ? null : pi.getEndTime().toInstant())));
        return new States(runs, failed, waiting);
    }
}
