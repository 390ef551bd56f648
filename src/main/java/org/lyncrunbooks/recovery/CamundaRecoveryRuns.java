package org.lyncrunbooks.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/** {@link RecoveryRuns} from the engine's history service. */
@Component
class CamundaRecoveryRuns implements RecoveryRuns {

    private final HistoryService history;

    CamundaRecoveryRuns(HistoryService history) {
        this.history = history;
    }

    @Override
    public long count() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY).count();
    }

    @Override
    public List<Run> newestFirst(int first, int max) {
        return history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(RecoveryProcess.KEY).orderByProcessInstanceStartTime().desc()
                .orderByProcessInstanceId().desc().listPage(first, max).stream().map(CamundaRecoveryRuns::run).toList();
    }

    @Override
    public Optional<Run> run(String recoveryId) {
        return Optional.ofNullable(history.createHistoricProcessInstanceQuery().processInstanceId(recoveryId)
                .processDefinitionKey(RecoveryProcess.KEY).singleResult()).map(CamundaRecoveryRuns::run);
    }

    @Override
    public Map<String, Map<String, Object>> variables(Collection<String> recoveryIds, Collection<String> names) {
        Map<String, Map<String, Object>> byInstance = new LinkedHashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(recoveryIds.toArray(String[]::new)).variableNameIn(names.toArray(String[]::new))
                .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
            Map<String, Object> values = byInstance.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
            // a variable of the instance itself wins over one of the same name set on a child execution
            if (v.getProcessInstanceId().equals(v.getExecutionId()) || !values.containsKey(v.getName())) {
                values.put(v.getName(), v.getValue());
            }
        }
        return byInstance;
    }

    @Override
    public Map<String, Object> variables(String recoveryId) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(recoveryId)
                .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
            if (recoveryId.equals(v.getExecutionId()) || !variables.containsKey(v.getName())) {
                variables.put(v.getName(), v.getValue());
            }
        }
        return variables;
    }

    @Override
    public List<Step> openSteps(Collection<String> businessKeys) {
        return history.createHistoricTaskInstanceQuery().processInstanceBusinessKeyIn(businessKeys.toArray(String[]::new))
                .unfinished().list().stream().map(CamundaRecoveryRuns::step).toList();
    }

    @Override
    public List<Step> steps(Collection<String> businessKeys, String taskDefinitionKey, Instant after, Instant before) {
        HistoricTaskInstanceQuery query = history.createHistoricTaskInstanceQuery()
                .processInstanceBusinessKeyIn(businessKeys.toArray(String[]::new)).taskDefinitionKey(taskDefinitionKey)
                .startedAfter(Date.from(after));
        if (before != null) {
            query.startedBefore(Date.from(before));
        }
        return query.list().stream().map(CamundaRecoveryRuns::step).toList();
    }

    @Override
    public Optional<String> storedReport(String recoveryId) {
        HistoricVariableInstance stored = history.createHistoricVariableInstanceQuery().processInstanceId(recoveryId)
                .variableName(RecoveryVariables.RECOVERY_REPORT).list().stream().findFirst().orElse(null);
        if (stored != null && stored.getTypedValue() instanceof FileValue file && file.getValue() != null) {
            try (InputStream in = file.getValue()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the report of recovery " + recoveryId, e);
            }
        }
        return Optional.empty();
    }

    private static Step step(HistoricTaskInstance t) {
        return new Step(t.getRootProcessInstanceId(), t.getName(),
                t.getEndTime() == null ? null : t.getEndTime().toInstant());
    }

    private static Run run(HistoricProcessInstance pi) {
        return new Run(pi.getId(), pi.getBusinessKey(), pi.getStartTime().toInstant(),
                pi.getEndTime() == null ? null : pi.getEndTime().toInstant(), pi.getEndActivityId());
    }
}
