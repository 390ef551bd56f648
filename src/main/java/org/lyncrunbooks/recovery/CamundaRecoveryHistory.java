package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/** {@link RecoveryHistory} from the engine's history service. */
@Component
class CamundaRecoveryHistory implements RecoveryHistory {

    private final HistoryService history;

    CamundaRecoveryHistory(HistoryService history) {
        this.history = history;
    }

    @Override
    public List<Instance> instances(String recoveryId) {
        return history.createHistoricProcessInstanceQuery().rootProcessInstanceId(recoveryId).list().stream()
                .map(pi -> new Instance(pi.getId(), pi.getProcessDefinitionKey(), pi.getStartUserId())).toList();
    }

    @Override
    public List<VariableUpdate> updates(List<String> processInstanceIds, java.util.Set<String> names) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        return history.createHistoricDetailQuery().variableUpdates()
                .processInstanceIdIn(processInstanceIds.toArray(String[]::new))
                .disableBinaryFetching().disableCustomObjectDeserialization().list().stream()
                .map(HistoricVariableUpdate.class::cast)
                .filter(u -> names.contains(u.getVariableName()))
                .map(u -> new VariableUpdate(u.getVariableName(), u.getValue(), instant(u.getTime())))
                .toList();
    }

    @Override
    public List<Task> tasks(String recoveryId) {
        return history.createHistoricTaskInstanceQuery().rootProcessInstanceId(recoveryId).list().stream()
                .map(t -> new Task(t.getId(), t.getProcessInstanceId(), t.getExecutionId(), t.getActivityInstanceId(),
                        t.getTaskDefinitionKey(), t.getName(), t.getAssignee(), instant(t.getStartTime()),
                        instant(t.getEndTime())))
                .toList();
    }

    @Override
    public List<Activity> finishedServiceTasks(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityType("serviceTask").finished().list().stream()
                .map(a -> new Activity(a.getActivityId(), a.getActivityName(), instant(a.getStartTime()),
                        instant(a.getEndTime())))
                .toList();
    }

    @Override
    public Instant firstClaim(String taskId) {
        return history.createHistoricIdentityLinkLogQuery().taskId(taskId).type(IdentityLinkType.ASSIGNEE)
                .operationType("add").list().stream().map(HistoricIdentityLinkLog::getTime)
                .map(CamundaRecoveryHistory::instant).min(Comparator.naturalOrder()).orElse(null);
    }

    @Override
    public Optional<String> completedBy(String taskId) {
        return history.createUserOperationLogQuery().taskId(taskId)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                .map(UserOperationLogEntry::getUserId).filter(Objects::nonNull).findFirst();
    }

    @Override
    public List<String> candidateGroups(String taskId) {
        return history.createHistoricIdentityLinkLogQuery().taskId(taskId).type(IdentityLinkType.CANDIDATE)
                .list().stream().map(HistoricIdentityLinkLog::getGroupId).filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public Map<String, Object> variablesSetBy(String activityInstanceId) {
        Map<String, Object> values = new HashMap<>();
        for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
                .activityInstanceId(activityInstanceId).list()) {
            HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
            values.put(update.getVariableName(), update.getValue());
        }
        return values;
    }

    @Override
    public Optional<String> text(String processInstanceId, String executionId, String name) {
        return history.createHistoricVariableInstanceQuery().variableName(name)
                .processInstanceId(processInstanceId).list().stream()
                .filter(v -> executionId.equals(v.getExecutionId()))
                .map(HistoricVariableInstance::getValue).map(String::valueOf).findFirst();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
