package org.lyncrunbooks.backup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.lyncrunbooks.workflow.WithoutAuthorization;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@link RunningBackups} read from the engine's history: the unfinished {@code lync-backup-cycle} instances and the
 * step each stands at. Read without the caller's authorizations, so that every starter learns of a run in progress.
 */
@Component
class CamundaRunningBackups implements RunningBackups {

    private final ProcessEngine engine;

    CamundaRunningBackups(@Lazy ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<Run> others(String exceptRunId) {
        return WithoutAuthorization.read(engine, () ->
                engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY)
                        .unfinished().list().stream().filter(pi -> !Objects.equals(pi.getId(), exceptRunId))
                        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
                        .map(this::run).toList());
    }

    private Run run(HistoricProcessInstance pi) {
        boolean review = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP).count() > 0;
        String step = review ? "waiting for an operator's review (Review failed backup)"
                : engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .unfinished().list().stream().filter(a -> a.getActivityType().endsWith("Task"))
                .map(HistoricActivityInstance::getActivityName).findFirst().map(name -> "at " + name).orElse("running");
        return new Run(pi.getId(), pi.getBusinessKey(),
                pi.getStartTime() == null ? null : Instant.ofEpochMilli(pi.getStartTime().getTime()),
                pi.getStartUserId(), step);
    }
}
