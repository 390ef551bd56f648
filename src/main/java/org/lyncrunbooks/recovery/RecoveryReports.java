package org.lyncrunbooks.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Builds a {@link RecoveryReport} from the engine's history: the recovery's own instance and every procedure
 * process it called. Engine glue (it reads history), not a service.
 */
@Component
public class RecoveryReports {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private final HistoryService history;

    public RecoveryReports(HistoryService history) {
        this.history = history;
    }

    /** The report of recovery {@code recoveryId} (its root process instance id) as it stands now. */
    public RecoveryReport build(String recoveryId, Map<String, Object> variables, Instant now) {
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(recoveryId).list();
        Map<String, String> keyOfInstance = instances.stream()
                .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getProcessDefinitionKey));
        List<RecoveryReport.Step> steps = new ArrayList<>();
        List<RecoveryReport.Decision> decisions = new ArrayList<>();
        for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().rootProcessInstanceId(recoveryId).list()) {
            String key = keyOfInstance.getOrDefault(task.getProcessInstanceId(), "");
            Instant ready = instant(task.getStartTime());
            Instant claimed = claimTime(task.getId());
            Instant done = instant(task.getEndTime());
            String who = completedBy(task).orElse(task.getAssignee());
            steps.add(new RecoveryReport.Step(key, task.getTaskDefinitionKey(), task.getName(), "manual",
                    candidateGroups(task.getId()), who, ready, claimed, done,
                    between(ready, claimed != null ? claimed : done), between(claimed != null ? claimed : ready, done)));
            decision(task, who, done).ifPresent(decisions::add);
        }
        for (HistoricProcessInstance instance : instances) {
            for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                    .processInstanceId(instance.getId()).activityType("serviceTask").finished().list()) {
                Instant started = instant(activity.getStartTime());
                Instant ended = instant(activity.getEndTime());
                steps.add(new RecoveryReport.Step(instance.getProcessDefinitionKey(), activity.getActivityId(),
                        activity.getActivityName(), "automated", null, "lync-runbooks", started, null, ended,
                        Duration.ZERO, between(started, ended)));
            }
        }
        steps.sort(Comparator.comparing(RecoveryReport.Step::readyAt, Comparator.nullsLast(Comparator.naturalOrder())));
        decisions.sort(Comparator.comparing(RecoveryReport.Decision::at, Comparator.nullsLast(Comparator.naturalOrder())));
        Instant setCompleted = instant((Date) variables.get(RecoveryVariables.SET_COMPLETED_AT));
        Instant dataLossFrom = Optional.ofNullable(instant((Date) variables.get(RecoveryVariables.DATA_LOSS_FROM)))
                .orElse(setCompleted);
        Instant incident = instant((Date) variables.get(RecoveryVariables.INCIDENT_TIME));
        Instant started = instant((Date) variables.get(RecoveryVariables.RECOVERY_STARTED_AT));
        return new RecoveryReport(recoveryId, (String) variables.get(RecoveryVariables.FAILED_SERVER_FQDN),
                (String) variables.get(RecoveryVariables.PROCEDURE_TITLE),
                (String) variables.get(RecoveryVariables.INCIDENT_REFERENCE),
                (String) variables.get(RecoveryVariables.BACKUP_SET_ID), setCompleted, incident, started, now,
                dataLossFrom, between(dataLossFrom, incident), between(started, now), steps, decisions);
    }

    public static String toJson(RecoveryReport report) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the recovery report", e);
        }
    }

    /** A few lines for people: procedure, RPO, RTO, steps, decisions. */
    public static String summary(RecoveryReport report) {
        long manual = report.steps().stream().filter(s -> "manual".equals(s.kind())).count();
        StringBuilder sb = new StringBuilder();
        sb.append(report.procedure()).append(" for ").append(report.failedServerFqdn())
                .append(" from set ").append(report.backupSetId()).append('\n');
        sb.append("Achieved RPO: ").append(human(report.achievedRpo())).append(" (data changed after ")
                .append(report.dataLossFrom()).append(", the oldest restored item's backup, was lost)\n");
        sb.append("Achieved RTO: ").append(human(report.achievedRto())).append(" (from ").append(report.recoveryStartedAt())
                .append(" to ").append(report.recoveryFinishedAt()).append(")\n");
        sb.append(report.steps().size()).append(" steps: ").append(manual).append(" by people, ")
                .append(report.steps().size() - manual).append(" automated\n");
        for (RecoveryReport.Decision d : report.decisions()) {
            sb.append(d.kind()).append(": ").append(d.outcome()).append(d.who() == null ? "" : " by " + d.who())
                    .append(d.reason() == null ? "" : " (" + d.reason() + ")").append('\n');
        }
        return sb.toString().trim();
    }

    private static String human(Duration d) {
        if (d == null) {
            return "unknown";
        }
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return d.toSeconds() + " s";
        }
        return minutes >= 60 * 24 ? (minutes / 1440) + " d " + (minutes % 1440) / 60 + " h"
                : minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }

    private Optional<RecoveryReport.Decision> decision(HistoricTaskInstance task, String who, Instant done) {
        String id = task.getTaskDefinitionKey();
        if (RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW.equals(id) && done != null) {
            Map<String, Object> set = setBy(task);
            return Optional.of(new RecoveryReport.Decision("data-loss window", who, done,
                    Boolean.TRUE.equals(set.get(RecoveryVariables.DATA_LOSS_APPROVED)) ? "approved" : "not approved",
                    (String) set.get(RecoveryVariables.APPROVAL_NOTE)));
        }
        if (RecoveryProcess.RestoreFileStore.USER_TASK_DECIDE_TARGET_OVERRIDE.equals(id) && done != null) {
            Map<String, Object> set = setBy(task);
            return Optional.of(new RecoveryReport.Decision("target override", who, done,
                    Boolean.TRUE.equals(set.get(RecoveryVariables.OVERRIDE_APPROVED)) ? "approved" : "denied",
                    (String) set.get(RecoveryVariables.OVERRIDE_REASON)));
        }
        if (RecoveryProcess.USER_TASK_REVIEW_ESCALATION.equals(id)) {
            String summary = history.createHistoricVariableInstanceQuery().variableName(RecoveryVariables.ESCALATION_SUMMARY)
                    .processInstanceId(task.getProcessInstanceId()).list().stream()
                    .filter(v -> task.getExecutionId().equals(v.getExecutionId()))
                    .map(HistoricVariableInstance::getValue).map(String::valueOf).findFirst().orElse(null);
            Object note = done == null ? null : setBy(task).get(RecoveryVariables.ESCALATION_NOTE);
            return Optional.of(new RecoveryReport.Decision("escalation", who, instant(task.getStartTime()),
                    done == null ? "open" : "reviewed" + (note == null ? "" : ": " + note), summary));
        }
        return Optional.empty();
    }

    /** The variables the completion of {@code task} set (the form's submitted values). */
    private Map<String, Object> setBy(HistoricTaskInstance task) {
        Map<String, Object> values = new HashMap<>();
        for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
                .activityInstanceId(task.getActivityInstanceId()).list()) {
            HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
            values.put(update.getVariableName(), update.getValue());
        }
        return values;
    }

    private Instant claimTime(String taskId) {
        return history.createHistoricIdentityLinkLogQuery().taskId(taskId).type(IdentityLinkType.ASSIGNEE)
                .operationType("add").list().stream().map(HistoricIdentityLinkLog::getTime).map(RecoveryReports::instant)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    private Optional<String> completedBy(HistoricTaskInstance task) {
        return history.createUserOperationLogQuery().taskId(task.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                .map(UserOperationLogEntry::getUserId).filter(u -> u != null).findFirst();
    }

    private String candidateGroups(String taskId) {
        String groups = history.createHistoricIdentityLinkLogQuery().taskId(taskId).type(IdentityLinkType.CANDIDATE)
                .list().stream().map(HistoricIdentityLinkLog::getGroupId).filter(g -> g != null).distinct()
                .collect(Collectors.joining(","));
        return groups.isEmpty() ? null : groups;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to);
    }
}
