package org.lyncrunbooks.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.lyncrunbooks.workflow.Page;
import org.springframework.stereotype.Component;

/**
 * The manager's recovery timeline: every {@code lync-server-recovery}, running and finished, newest first, with its
 * RPO and RTO against the configured targets; and for one recovery every step with who did it and when, built by
 * {@link RecoveryReports} from the engine's history. A page costs a fixed number of history queries, each bounded
 * by the page (the recoveries of the page, their variables, their open and escalation tasks), however many
 * recoveries the history holds.
 */
@Component
public class RecoveryTimeline {

    /** The variables a summary shows; read for the whole page in one query. */
    private static final String[] SUMMARY_VARIABLES = {RecoveryVariables.FAILED_SERVER_FQDN,
            RecoveryVariables.BACKUP_SET_ID, RecoveryVariables.PROCEDURE_TITLE, RecoveryVariables.INCIDENT_REFERENCE,
            RecoveryVariables.SET_COMPLETED_AT, RecoveryVariables.DATA_LOSS_FROM, RecoveryVariables.INCIDENT_TIME,
            RecoveryVariables.RECOVERY_STARTED_AT};

    private final HistoryService history;
    private final RecoveryReports reports;
    private final RecoveryProperties properties;
    private final Clock clock;

    public RecoveryTimeline(HistoryService history, RecoveryReports reports, RecoveryProperties properties, Clock clock) {
        this.history = history;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One recovery as the timeline lists it.
     *
     * @param state        {@code running}, {@code recovered} (ended at the server-recovered end event) or
     *                     {@code ended} (ended elsewhere: not approved, cancelled)
     * @param rpo          data lost: incident time minus the earliest start of the restored items' backups (null before
     *                     the set is known)
     * @param rto          start to end, or to now while it runs
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
        long total = history.createHistoricProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY).count();
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(RecoveryProcess.KEY).orderByProcessInstanceStartTime().desc()
                .orderByProcessInstanceId().desc().listPage(page * size, size);
        if (instances.isEmpty()) {
            return new Page<>(page, size, total, List.of());
        }
        String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
        Map<String, Map<String, Object>> variables = variables(ids);
        String[] keys = instances.stream().map(HistoricProcessInstance::getBusinessKey).filter(k -> k != null)
                .distinct().toArray(String[]::new);
        Map<String, List<String>> open = new HashMap<>();
        Map<String, Long> escalations = new HashMap<>();
        if (keys.length > 0) {
            Set<String> onPage = Set.of(ids);
            for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceBusinessKeyIn(keys)
                    .unfinished().list()) {
                if (onPage.contains(task.getRootProcessInstanceId())) {
                    open.computeIfAbsent(task.getRootProcessInstanceId(), k -> new ArrayList<>()).add(task.getName());
                }
            }
            // escalations of the page's servers within the page's time window: other recoveries of the same servers
            // outside it are not read
            Date from = new Date(instances.stream().mapToLong(pi -> pi.getStartTime().getTime()).min().orElseThrow() - 1000);
            HistoricTaskInstanceQuery escalationQuery = history.createHistoricTaskInstanceQuery()
                    .processInstanceBusinessKeyIn(keys).taskDefinitionKey(RecoveryProcess.USER_TASK_REVIEW_ESCALATION)
                    .startedAfter(from);
            if (instances.stream().allMatch(pi -> pi.getEndTime() != null)) {
                escalationQuery.startedBefore(new Date(instances.stream()
                        .mapToLong(pi -> pi.getEndTime().getTime()).max().orElseThrow() + 1000));
            }
            for (HistoricTaskInstance task : escalationQuery.list()) {
                if (onPage.contains(task.getRootProcessInstanceId())) {
                    escalations.merge(task.getRootProcessInstanceId(), 1L, Long::sum);
                }
            }
        }
        List<Summary> items = instances.stream().map(pi -> summary(pi, variables.getOrDefault(pi.getId(), Map.of()),
                open.getOrDefault(pi.getId(), List.of()), escalations.getOrDefault(pi.getId(), 0L))).toList();
        return new Page<>(page, size, total, items);
    }

    /** The recovery {@code recoveryId} with every step so far, or empty when no such recovery exists. */
    public Optional<Detail> recovery(String recoveryId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(recoveryId)
                .processDefinitionKey(RecoveryProcess.KEY).singleResult();
        if (pi == null) {
            return Optional.empty();
        }
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(recoveryId)
                .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
            if (recoveryId.equals(v.getExecutionId()) || !variables.containsKey(v.getName())) {
                variables.put(v.getName(), v.getValue());
            }
        }
        Instant end = pi.getEndTime() == null ? clock.instant() : pi.getEndTime().toInstant();
        RecoveryReport report = reports.build(recoveryId, variables, end);
        List<String> open = report.steps().stream().filter(s -> s.doneAt() == null && "manual".equals(s.kind()))
                .map(RecoveryReport.Step::name).toList();
        long escalations = report.steps().stream()
                .filter(s -> RecoveryProcess.USER_TASK_REVIEW_ESCALATION.equals(s.activityId())).count();
        return Optional.of(new Detail(summary(pi, variables, open, escalations), report));
    }

    private Map<String, Map<String, Object>> variables(String[] processInstanceIds) {
        Map<String, Map<String, Object>> byInstance = new LinkedHashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(processInstanceIds).variableNameIn(SUMMARY_VARIABLES)
                .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
            Map<String, Object> values = byInstance.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
            // a variable of the instance itself wins over one of the same name set on a child execution
            if (v.getProcessInstanceId().equals(v.getExecutionId()) || !values.containsKey(v.getName())) {
                values.put(v.getName(), v.getValue());
            }
        }
        return byInstance;
    }

    private Summary summary(HistoricProcessInstance pi, Map<String, Object> variables, List<String> open, long escalations) {
        // the data lost starts with the oldest restored item's backup (older recoveries recorded the set's completion only)
        Instant setCompleted = Optional.ofNullable(instant(variables.get(RecoveryVariables.DATA_LOSS_FROM)))
                .orElse(instant(variables.get(RecoveryVariables.SET_COMPLETED_AT)));
        Instant incident = instant(variables.get(RecoveryVariables.INCIDENT_TIME));
        Instant started = Optional.ofNullable(instant(variables.get(RecoveryVariables.RECOVERY_STARTED_AT)))
                .orElse(pi.getStartTime().toInstant());
        Instant ended = pi.getEndTime() == null ? null : pi.getEndTime().toInstant();
        Duration rpo = setCompleted == null || incident == null ? null : Duration.between(setCompleted, incident);
        Duration rto = Duration.between(started, ended == null ? clock.instant() : ended);
        String state = ended == null ? "running"
                : RecoveryProcess.END_EVENT_SERVER_RECOVERED.equals(pi.getEndActivityId()) ? "recovered" : "ended";
        Object fqdn = variables.getOrDefault(RecoveryVariables.FAILED_SERVER_FQDN, pi.getBusinessKey());
        return new Summary(pi.getId(), fqdn == null ? null : fqdn.toString(),
                text(variables.get(RecoveryVariables.PROCEDURE_TITLE)), text(variables.get(RecoveryVariables.BACKUP_SET_ID)),
                text(variables.get(RecoveryVariables.INCIDENT_REFERENCE)), state, started, ended,
                rpo, properties.rpoTarget(), rpo == null ? null : rpo.compareTo(properties.rpoTarget()) <= 0,
                rto, properties.rtoTarget(), rto.compareTo(properties.rtoTarget()) <= 0,
                ended == null ? List.copyOf(open) : List.of(), escalations);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
