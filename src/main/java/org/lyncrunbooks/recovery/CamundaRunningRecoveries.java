package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.lyncrunbooks.workflow.TaskNames;
import org.lyncrunbooks.workflow.WithoutAuthorization;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@link RunningRecoveries} read from the engine: the unfinished instances of {@code lync-server-recovery} (and of
 * {@code lync-recovery-pool}, {@code lync-pool-failover} and {@code -failback}) whose business key names the server
 * or the pool, and where each waits — the open tasks of it and of the recoveries it called (a pool recovery's server
 * recoveries) with the groups they are offered to, else the automated step it runs. Read without the caller's
 * authorizations: an operator must learn that another recovery runs even when another group started it.
 */
@Component
class CamundaRunningRecoveries implements RunningRecoveries {

    /** The processes that rebuild or replace a server: their business key is the server's or the pool's FQDN. */
    static final String[] KEYS = {RecoveryProcess.KEY, RecoveryProcess.Pool.KEY, "lync-pool-failover", "lync-pool-failback"};
    private static final Set<String> WAITING_ACTIVITIES = Set.of("serviceTask", "userTask", "intermediateTimer",
            "receiveTask", "externalTask");

    private final ProcessEngine engine;

    CamundaRunningRecoveries(@Lazy ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<Running> of(List<String> names) {
        Set<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return WithoutAuthorization.read(engine, () ->
                engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKeyIn(KEYS)
                        .unfinished().list().stream()
                        .filter(pi -> pi.getBusinessKey() != null
                                && wanted.contains(pi.getBusinessKey().toLowerCase(Locale.ROOT)))
                        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
                        .map(this::running).toList());
    }

    private Running running(HistoricProcessInstance pi) {
        List<String> waiting = new ArrayList<>();
        List<String> called = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .superProcessInstanceId(pi.getId()).unfinished().list().stream()
                .map(HistoricProcessInstance::getBusinessKey).filter(java.util.Objects::nonNull).toList();
        List<Task> tasks = new ArrayList<>(engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(pi.getBusinessKey()).list());
        if (!called.isEmpty()) {
            // a pool recovery waits where the server recoveries it called wait (their business keys are the servers)
            engine.getTaskService().createTaskQuery().processInstanceBusinessKeyIn(called.toArray(String[]::new)).list().stream()
                    .filter(t -> tasks.stream().noneMatch(o -> o.getId().equals(t.getId()))).forEach(tasks::add);
        }
        for (Task task : tasks) {
            String groups = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                    .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                    .map(IdentityLink::getGroupId).collect(Collectors.joining(", "));
            waiting.add("'" + TaskNames.baseName(task.getName()) + "'"
                    + (task.getAssignee() != null ? " (claimed by " + task.getAssignee() + ")"
                    : groups.isEmpty() ? "" : " (for " + groups + ")"));
        }
        if (waiting.isEmpty()) {
            List<String> instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .rootProcessInstanceId(pi.getRootProcessInstanceId()).unfinished().list().stream()
                    .map(HistoricProcessInstance::getId).toList();
            for (String id : instances) {
                engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).unfinished().list()
                        .stream().filter(a -> WAITING_ACTIVITIES.contains(a.getActivityType()))
                        .map(HistoricActivityInstance::getActivityName).forEach(name -> waiting.add("'" + name + "' (automated)"));
            }
        }
        return new Running(pi.getId(), pi.getProcessDefinitionKey(), pi.getBusinessKey(),
                pi.getStartTime() == null ? null : Instant.ofEpochMilli(pi.getStartTime().getTime()),
                pi.getStartUserId(), waiting);
    }
}
