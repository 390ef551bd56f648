package org.lyncrunbooks.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lyncrunbooks.workflow.Page;
import org.lyncrunbooks.workflow.TaskNames;
import org.springframework.stereotype.Component;

/**
 * The manager's recovery timeline: every {@code lync-server-recovery}, running and finished, newest first, with its
 * RPO and RTO against the configured targets; and for one recovery every step with who did it and when, built by
 * {@link RecoveryReports}. A page costs a fixed number of queries of {@link RecoveryRuns}, each bounded by the page
 * (the recoveries of the page, their variables, their open and escalation tasks), however many recoveries the
 * history holds.
 */
@Component
public class RecoveryTimeline {

    /** The variables a summary shows; read for the whole page in one query. */
    private static final List<String> SUMMARY_VARIABLES = List.of(RecoveryVariables.FAILED_SERVER_FQDN,
            RecoveryVariables.BACKUP_SET_ID, RecoveryVariables.PROCEDURE_TITLE, RecoveryVariables.INCIDENT_REFERENCE,
            RecoveryVariables.SET_COMPLETED_AT, RecoveryVariables.DATA_LOSS_FROM, RecoveryVariables.INCIDENT_TIME, RecoveryVariables.RECOVERY_STARTED_AT);

    private final RecoveryRuns runs;
    private final RecoveryReports reports;
    private final RecoveryProperties properties;
    private final Clock clock;

    RecoveryTimeline(RecoveryRuns runs, RecoveryReports reports, RecoveryProperties properties, Clock clock) {
        this.runs = runs;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One recovery as the timeline lists it.
     *
     * @param state        {@code running}, {@code recovered} (ended at the server-recovered end event) or
     *                     {@code ended} (ended elsewhere: not approved, cancelled)
     * @param rpo          data lost: incident time minus the earliest start of the restored items' backups (null
     *                     before the set is known)
     * @param rpoMet       whether the RPO is within its target: only for a recovered server (a recovery that was
     *                     stopped or not approved achieved nothing, so it gets no badge), null otherwise
     * @param rto          start to the server being back (services and sign-in confirmed), or to its end or now when
     *                     it was not recovered: the same figure as the report's
     * @param rtoMet       whether the RTO is within its target: for a recovered server, and so far for a running one
     * @param waitingAt    the manual steps open now (empty when none or finished)
     * @param escalations  how many times a step waited longer than {@code lync.recovery.escalate-after}
     */
    public record Summary(String recoveryId, String failedServerFqdn, String procedure, String backupSetId,
                          String incidentReference, String state, Instant startedAt, Instant endedAt,
                          Duration rpo, Duration rpoTarget, Boolean rpoMet, Duration rto, Duration rtoTarget,
                          Boolean rtoMet, List<String> waitingAt, long escalations) {
    }

    /** One recovery with its report: every step and decision so far. */
    public record Detail(Summary summary, RecoveryReport report) {
    }

    public Page<Summary> page(int page, int size) {
        Page.check(page, size);
        long total = runs.count();
        List<RecoveryRuns.Run> instances = runs.newestFirst(page * size, size);
        if (instances.isEmpty()) {
            return new Page<>(page, size, total, List.of());
        }
        List<String> ids = instances.stream().map(RecoveryRuns.Run::id).toList();
        Map<String, Map<String, Object>> variables = runs.variables(ids, SUMMARY_VARIABLES);
        List<String> keys = instances.stream().map(RecoveryRuns.Run::businessKey).filter(k -> k != null)
                .distinct().toList();
        Map<String, List<String>> open = new HashMap<>();
        Map<String, Long> escalations = new HashMap<>();
        Map<String, Instant> back = new HashMap<>();
        if (!keys.isEmpty()) {
            Set<String> onPage = Set.copyOf(ids);
            for (RecoveryRuns.Step step : runs.openSteps(keys)) {
                if (onPage.contains(step.recoveryId())) {
                    open.computeIfAbsent(step.recoveryId(), k -> new ArrayList<>()).add(TaskNames.baseName(step.name()));
                }
            }
            // escalations of the page's servers within the page's time window: other recoveries of the same servers
            // outside it are not read
            Instant from = instances.stream().map(RecoveryRuns.Run::startedAt).min(Instant::compareTo).orElseThrow()
                    .minusMillis(1000);
            Instant to = instances.stream().allMatch(r -> r.endedAt() != null)
                    ? instances.stream().map(RecoveryRuns.Run::endedAt).max(Instant::compareTo).orElseThrow().plusMillis(1000)
                    : null;
            for (RecoveryRuns.Step step : runs.steps(keys, RecoveryProcess.USER_TASK_REVIEW_ESCALATION, from, to)) {
                if (onPage.contains(step.recoveryId())) {
                    escalations.merge(step.recoveryId(), 1L, Long::sum);
                }
            }
            // when services and sign-in were confirmed: the end of each recovered server's RTO, as in its report
            for (RecoveryRuns.Step step : runs.steps(keys, RecoveryProcess.USER_TASK_CONFIRM_SERVICES_AND_SIGN_IN, from, null)) {
                if (onPage.contains(step.recoveryId()) && step.endedAt() != null) {
                    back.merge(step.recoveryId(), step.endedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        List<Summary> items = instances.stream().map(r -> summary(r, variables.getOrDefault(r.id(), Map.of()),
                open.getOrDefault(r.id(), List.of()), escalations.getOrDefault(r.id(), 0L), back.get(r.id()))).toList();
        return new Page<>(page, size, total, items);
    }

    /** The recovery {@code recoveryId} with every step so far, or empty when no such recovery exists. */
    public Optional<Detail> recovery(String recoveryId) {
        Optional<RecoveryRuns.Run> run = runs.run(recoveryId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> variables = runs.variables(recoveryId);
        Instant end = run.get().endedAt() == null ? clock.instant() : run.get().endedAt();
        RecoveryReport report = reports.build(recoveryId, variables, end);
        List<String> open = report.steps().stream().filter(s -> s.doneAt() == null && "manual".equals(s.kind()))
                .map(RecoveryReport.Step::name).toList();
        long escalations = report.steps().stream()
                .filter(s -> RecoveryProcess.USER_TASK_REVIEW_ESCALATION.equals(s.activityId())).count();
        return Optional.of(new Detail(summary(run.get(), variables, open, escalations,
                report.recovered() ? report.recoveryFinishedAt() : null), report));
    }

    /**
     * The recovery's report as JSON: the one it wrote when services and sign-in were confirmed (it stays in the
     * history after the recovery ended), else the report as it stands now. Empty when no such recovery exists, or
     * the caller may not read its history.
     */
    public Optional<String> reportJson(String recoveryId) {
        Optional<String> stored = runs.storedReport(recoveryId);
        return stored.isPresent() ? stored : recovery(recoveryId).map(detail -> RecoveryReports.toJson(detail.report()));
    }

    private Summary summary(RecoveryRuns.Run run, Map<String, Object> variables, List<String> open, long escalations,
                            Instant serverBack) {
        // the data lost starts with the oldest restored item's backup (older recoveries recorded the set's completion only)
        Instant setCompleted = Optional.ofNullable(instant(variables.get(RecoveryVariables.DATA_LOSS_FROM)))
                .orElse(instant(variables.get(RecoveryVariables.SET_COMPLETED_AT)));
        Instant incident = instant(variables.get(RecoveryVariables.INCIDENT_TIME));
        Instant started = Optional.ofNullable(instant(variables.get(RecoveryVariables.RECOVERY_STARTED_AT)))
                .orElse(run.startedAt());
        Instant ended = run.endedAt();
        String state = ended == null ? "running"
                : RecoveryProcess.END_EVENT_SERVER_RECOVERED.equals(run.endActivityId()) ? "recovered" : "ended";
        // the server is back when services and sign-in were confirmed; a recovery that ended as recovered without
        // that step (an instance moved to its end by an administrator) is back at its end
        Instant back = serverBack != null ? serverBack : "recovered".equals(state) ? ended : null;
        Duration rpo = RecoveryReport.rpo(setCompleted, incident);
        Duration rto = RecoveryReport.rto(started, back != null ? back : ended != null ? ended : clock.instant());
        boolean recovered = back != null;
        Boolean rpoMet = recovered && rpo != null ? rpo.compareTo(properties.rpoTarget()) <= 0 : null;
        Boolean rtoMet = recovered || "running".equals(state) ? rto.compareTo(properties.rtoTarget()) <= 0 : null;
        Object fqdn = variables.getOrDefault(RecoveryVariables.FAILED_SERVER_FQDN, run.businessKey());
        return new Summary(run.id(), fqdn == null ? null : fqdn.toString(),
                text(variables.get(RecoveryVariables.PROCEDURE_TITLE)), text(variables.get(RecoveryVariables.BACKUP_SET_ID)),
                text(variables.get(RecoveryVariables.INCIDENT_REFERENCE)), state, started, ended,
                rpo, properties.rpoTarget(), rpoMet, rto, properties.rtoTarget(), rtoMet,
                ended == null ? List.copyOf(open) : List.of(), escalations);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
