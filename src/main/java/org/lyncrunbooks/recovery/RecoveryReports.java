package org.lyncrunbooks.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.stereotype.Component;

/**
 * Builds a {@link RecoveryReport} from the recovery's history ({@link RecoveryHistory}): the recovery's own instance
 * and every procedure process it called.
 */
@Component
public class RecoveryReports {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private final RecoveryHistory history;

    RecoveryReports(RecoveryHistory history) {
        this.history = history;
    }

    /** The report of recovery {@code recoveryId} (its root process instance id) as it stands now. */
    public RecoveryReport build(String recoveryId, Map<String, Object> variables, Instant now) {
        List<RecoveryHistory.Instance> instances = history.instances(recoveryId);
        Map<String, String> keyOfInstance = instances.stream()
                .collect(Collectors.toMap(RecoveryHistory.Instance::id, RecoveryHistory.Instance::processDefinitionKey));
        List<RecoveryReport.Step> steps = new ArrayList<>();
        List<RecoveryReport.Decision> decisions = new ArrayList<>();
        for (RecoveryHistory.Task task : history.tasks(recoveryId)) {
            String key = keyOfInstance.getOrDefault(task.processInstanceId(), "");
            Instant ready = task.startedAt();
            Instant claimed = history.firstClaim(task.id());
            Instant done = task.endedAt();
            String who = history.completedBy(task.id()).orElse(task.assignee());
            steps.add(new RecoveryReport.Step(key, task.taskDefinitionKey(), task.name(), "manual",
                    candidateGroups(task.id()), who, ready, claimed, done,
                    between(ready, claimed != null ? claimed : done), between(claimed != null ? claimed : ready, done)));
            decision(task, who, done).ifPresent(decisions::add);
        }
        for (RecoveryHistory.Instance instance : instances) {
            for (RecoveryHistory.Activity activity : history.finishedServiceTasks(instance.id())) {
                steps.add(new RecoveryReport.Step(instance.processDefinitionKey(), activity.activityId(),
                        activity.name(), "automated", null, "lync-runbooks", activity.startedAt(), null,
                        activity.endedAt(), Duration.ZERO, between(activity.startedAt(), activity.endedAt())));
            }
        }
        steps.sort(Comparator.comparing(RecoveryReport.Step::readyAt, Comparator.nullsLast(Comparator.naturalOrder())));
        decisions.sort(Comparator.comparing(RecoveryReport.Decision::at, Comparator.nullsLast(Comparator.naturalOrder())));
        Instant setCompleted = instant((Date) variables.get(RecoveryVariables.SET_COMPLETED_AT));
        Instant incident = instant((Date) variables.get(RecoveryVariables.INCIDENT_TIME));
        Instant started = instant((Date) variables.get(RecoveryVariables.RECOVERY_STARTED_AT));
        return new RecoveryReport(recoveryId, (String) variables.get(RecoveryVariables.FAILED_SERVER_FQDN),
                (String) variables.get(RecoveryVariables.PROCEDURE_TITLE),
                (String) variables.get(RecoveryVariables.INCIDENT_REFERENCE),
                (String) variables.get(RecoveryVariables.BACKUP_SET_ID), setCompleted, incident, started, now,
                between(setCompleted, incident), between(started, now), steps, decisions);
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
                .append(report.setCompletedAt()).append(" was lost)\n");
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

    private Optional<RecoveryReport.Decision> decision(RecoveryHistory.Task task, String who, Instant done) {
        String id = task.taskDefinitionKey();
        if (RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW.equals(id) && done != null) {
            Map<String, Object> set = history.variablesSetBy(task.activityInstanceId());
            return Optional.of(new RecoveryReport.Decision("data-loss window", who, done,
                    Boolean.TRUE.equals(set.get(RecoveryVariables.DATA_LOSS_APPROVED)) ? "approved" : "not approved",
                    (String) set.get(RecoveryVariables.APPROVAL_NOTE)));
        }
        if (RecoveryProcess.RestoreFileStore.USER_TASK_DECIDE_TARGET_OVERRIDE.equals(id) && done != null) {
            Map<String, Object> set = history.variablesSetBy(task.activityInstanceId());
            return Optional.of(new RecoveryReport.Decision("target override", who, done,
                    Boolean.TRUE.equals(set.get(RecoveryVariables.OVERRIDE_APPROVED)) ? "approved" : "denied",
                    (String) set.get(RecoveryVariables.OVERRIDE_REASON)));
        }
        if (RecoveryProcess.USER_TASK_REVIEW_ESCALATION.equals(id)) {
            String summary = history.text(task.processInstanceId(), task.executionId(),
                    RecoveryVariables.ESCALATION_SUMMARY).orElse(null);
            Object note = done == null ? null
                    : history.variablesSetBy(task.activityInstanceId()).get(RecoveryVariables.ESCALATION_NOTE);
            return Optional.of(new RecoveryReport.Decision("escalation", who, task.startedAt(),
                    done == null ? "open" : "reviewed" + (note == null ? "" : ": " + note), summary));
        }
        return Optional.empty();
    }

    private String candidateGroups(String taskId) {
        String groups = String.join(",", history.candidateGroups(taskId));
        return groups.isEmpty() ? null : groups;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to);
    }
}
