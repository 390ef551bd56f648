package org.lyncrunbooks.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.lyncrunbooks.workflow.ProcessSignalMarks;
import org.lyncrunbooks.workflow.ProcessSignals;
import org.lyncrunbooks.workflow.WithoutAuthorization;
import org.springframework.stereotype.Component;

/** {@link RunHistory} from the engine's history and the marks of the deployed models, without anyone's authorizations. */
@Component
class CamundaRunHistory implements RunHistory {

    private static final int LOOK_BACK = 50;

    private final ProcessEngine engine;
    private final ProcessSignalMarks marks;

    CamundaRunHistory(ProcessEngine engine, ProcessSignalMarks marks) {
        this.engine = engine;
        this.marks = marks;
    }

    @Override
    public Optional<Run> lastSucceeded(String processKey) {
        List<HistoricProcessInstance> finished = WithoutAuthorization.read(engine, () -> engine.getHistoryService()
                .createHistoricProcessInstanceQuery().processDefinitionKey(processKey).finished()
                .orderByProcessInstanceEndTime().desc().listPage(0, LOOK_BACK));
        return finished.stream()
                .filter(p -> marks.endEvents(p.getProcessDefinitionId(), ProcessSignals.Kind.SUCCEEDED)
                        .contains(p.getEndActivityId()))
                .findFirst()
                .map(p -> new Run(p.getId(), p.getBusinessKey(), p.getStartTime().toInstant(), p.getEndTime().toInstant()));
    }

    @Override
    public long openEscalations() {
        return WithoutAuthorization.read(engine, () -> {
            Set<String> keys = new HashSet<>();
            engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()
                    .forEach(d -> keys.addAll(marks.escalationTasks(d.getId())));
            return keys.isEmpty() ? 0L : engine.getTaskService().createTaskQuery()
                    .taskDefinitionKeyIn(keys.toArray(String[]::new)).active().count();
        });
    }
}
