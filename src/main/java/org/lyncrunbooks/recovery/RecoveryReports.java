package org.lyncrunbooks.recovery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.lyncrunbooks.workflow.TaskNames;
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
            steps.add(new RecoveryReport.Step(key, task.taskDefinitionKey(), TaskNames.baseName(task.name()), "manual",
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
        Instant started = instant((Date) variables.get(RecoveryVariables.RECOVERY_STARTED_AT));
        Object rebuildAnyway = variables.get(RecoveryVariables.REBUILD_ANYWAY_REASON);
        if (rebuildAnyway != null && !rebuildAnyway.toString().isBlank()) {
            String startedBy = instances.stream().filter(i -> i.id().equals(recoveryId)).findFirst()
                    .map(RecoveryHistory.Instance::startUserId).orElse(null);
            decisions.add(new RecoveryReport.Decision("recover a server that still answered", startedBy, started,
                    "recovered anyway", rebuildAnyway.toString()));
        }
        decisions.addAll(sendBacks(instances));
        decisions.sort(Comparator.comparing(RecoveryReport.Decision::at, Comparator.nullsLast(Comparator.naturalOrder())));
        Instant setCompleted = instant((Date) variables.get(RecoveryVariables.SET_COMPLETED_AT));
        Instant dataLossFrom = Optional.ofNullable(instant((Date) variables.get(RecoveryVariables.DATA_LOSS_FROM)))
                .orElse(setCompleted);
        Instant incident = instant((Date) variables.get(RecoveryVariables.INCIDENT_TIME));
        Instant back = serverBackAt(steps);
        Instant finished = back != null ? back : now;
        return new RecoveryReport(recoveryId, (String) variables.get(RecoveryVariables.FAILED_SERVER_FQDN),
                (String) variables.get(RecoveryVariables.PROCEDURE_TITLE),
                (String) variables.get(RecoveryVariables.INCIDENT_REFERENCE),
                (String) variables.get(RecoveryVariables.BACKUP_SET_ID), setCompleted, incident, started, finished,
                dataLossFrom, RecoveryReport.rpo(dataLossFrom, incident), RecoveryReport.rto(started, finished), back != null,
                steps, decisions);
    }

    /** When services and sign-in were confirmed on the recovered server: the end of its recovery time. */
    static Instant serverBackAt(List<RecoveryReport.Step> steps) {
        return steps.stream().filter(s -> RecoveryProcess.USER_TASK_CONFIRM_SERVICES_AND_SIGN_IN.equals(s.activityId()))
                .map(RecoveryReport.Step::doneAt).filter(d -> d != null).max(Comparator.naturalOrder()).orElse(null);
    }

    /** The evidence a check sent back, and the sets and targets that could not be used: each with its reason. */
    private List<RecoveryReport.Decision> sendBacks(List<RecoveryHistory.Instance> instances) {
        List<RecoveryReport.Decision> sentBack = new ArrayList<>();
        for (RecoveryHistory.VariableUpdate update : history.updates(
                instances.stream().map(RecoveryHistory.Instance::id).toList(), SENT_BACK_BY.keySet())) {
            if (update.value() != null && !update.value().toString().isBlank()) {
                sentBack.add(new RecoveryReport.Decision("sent back", "lync-runbooks", update.at(),
                        SENT_BACK_BY.get(update.name()), update.value().toString()));
            }
        }
        return sentBack;
    }

    /** The variables that carry the reason a check sent a step back, with what was sent back. */
    private static final Map<String, String> SENT_BACK_BY = Map.of(
            RecoveryVariables.IDENTITY_CHECK_FAILURE, "Prepare clean server sent back",
            RecoveryVariables.CERTIFICATE_CHECK_FAILURE, "Restore certificates sent back",
            RecoveryVariables.SQL_CHECK_FAILURE, "Install SQL Server sent back",
            RecoveryVariables.SET_PROBLEM, "backup set refused: another set asked for",
            RecoveryVariables.TARGET_PROBLEM, "restore target holds data: a manager asked");

    public static String toJson(RecoveryReport report) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the recovery report", e);
        }
    }

    /** A few lines for people: procedure, RPO, RTO, steps, decisions; times to the second. */
    public static String summary(RecoveryReport report) {
        long manual = report.steps().stream().filter(s -> "manual".equals(s.kind())).count();
        StringBuilder sb = new StringBuilder();
        sb.append(report.procedure()).append(" for ").append(report.failedServerFqdn())
                .append(" from set ").append(report.backupSetId()).append('\n');
        sb.append(report.recovered() ? "Achieved RPO: " : "RPO (not achieved: not recovered): ")
                .append(human(report.achievedRpo())).append(" (data changed after ")
                .append(second(report.dataLossFrom())).append(", the oldest restored item's backup, was lost)\n");
        sb.append(report.recovered() ? "Achieved RTO: " : "Time so far: ").append(human(report.achievedRto()))
                .append(" (from ").append(second(report.recoveryStartedAt())).append(" to ")
                .append(second(report.recoveryFinishedAt())).append(report.recovered() ? ", when services and sign-in "
                        + "were confirmed)\n" : ")\n");
        sb.append(report.steps().size()).append(" steps: ").append(manual).append(" by people, ")
                .append(report.steps().size() - manual).append(" automated\n");
        for (RecoveryReport.Decision d : report.decisions()) {
            sb.append(d.kind()).append(": ").append(d.outcome()).append(d.who() == null ? "" : " by " + d.who())
                    .append(d.reason() == null ? "" : " (" + d.reason() + ")").append('\n');
        }
        return sb.toString().trim();
    }

    /** A duration to the second: "1 d 02 h 03 min 04 s", "2 h 05 min 00 s", "3 min 07 s", "12 s". */
    static String human(Duration d) {
        if (d == null) {
            return "unknown";
        }
        long seconds = Math.abs(d.getSeconds());
        String sign = d.isNegative() ? "-" : "";
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return String.format("%s%d d %02d h %02d min %02d s", sign, days, hours, minutes, secs);
        }
        if (hours > 0) {
            return String.format("%s%d h %02d min %02d s", sign, hours, minutes, secs);
        }
        return minutes > 0 ? String.format("%s%d min %02d s", sign, minutes, secs) : sign + secs + " s";
    }

    /** An instant to the second, as people read it. */
    static String second(Instant at) {
        return at == null ? "unknown" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private Optional<RecoveryReport.Decision> decision(RecoveryHistory.Task task, String who, Instant done) {
        String id = task.taskDefinitionKey();
        if (RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW.equals(id) && done != null) {
            Map<String, Object> set = history.variablesSetBy(task.activityInstanceId());
            boolean approved = Boolean.TRUE.equals(set.get(RecoveryVariables.DATA_LOSS_APPROVED));
            return Optional.of(new RecoveryReport.Decision("data-loss window", who, done,
                    approved ? "approved" : "not approved: recovery stopped",
                    (String) set.get(approved ? RecoveryVariables.APPROVAL_NOTE : RecoveryVariables.NOT_APPROVED_REASON)));
        }
        if (RecoveryProcess.InstallSqlServer.USER_TASK_RESOLVE_SQL_INSTANCE.equals(id) && done != null) {
            Object way = history.variablesSetBy(task.activityInstanceId()).get(RecoveryVariables.SQL_INSTANCE_RESOLUTION);
            return Optional.of(new RecoveryReport.Decision("SQL Server instance in the way", who, done,
                    RecoveryInputs.REBUILD_SERVER.equals(way) ? "clean server again" : "Lync databases removed; checked again",
                    null));
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
