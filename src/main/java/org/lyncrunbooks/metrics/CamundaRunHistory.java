package org.lyncrunbooks.metrics;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.lyncrunbooks.workflow.ProcessRuns;
import org.lyncrunbooks.workflow.ProcessSignalMarks;
import org.lyncrunbooks.workflow.WithoutAuthorization;
import org.springframework.stereotype.Component;

/** {@link RunHistory} from the engine's history and the marks of the deployed models, without anyone's authorizations. */
@Component
class CamundaRunHistory implements RunHistory {

    private final ProcessEngine engine;
    private final ProcessRuns runs;
    private final ProcessSignalMarks marks;

    CamundaRunHistory(ProcessEngine engine, ProcessRuns runs, ProcessSignalMarks marks) {
        this.engine = engine;
        this.runs = runs;
        this.marks = marks;
    }

    @Override
    public Optional<Run> lastSucceeded(String processKey) {
        return runs.succeeded(processKey, 1).stream().findFirst()
                .map(r -> new Run(r.processInstanceId(), r.businessKey(), r.startedAt(), r.endedAt()));
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
