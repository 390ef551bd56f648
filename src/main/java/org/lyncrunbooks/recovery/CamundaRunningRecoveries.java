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
 * {@code lync-pool-failover}, once it exists) whose business key names the server, and where each waits — its open
 * tasks with the groups they are offered to, else the automated step it runs. Read without the caller's
 * authorizations: an operator must learn that another recovery runs even when another group started it.
 */
@Component
class CamundaRunningRecoveries implements RunningRecoveries {

    /** The processes that rebuild or replace a server: their business key is the server's or the pool's FQDN. */
    static final String[] KEYS = {RecoveryProcess.KEY, "lync-pool-failover", "lync-pool-failback"};
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
        for (Task task : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).list()) {
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
