package org.lyncrunbooks.notify;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.lyncrunbooks.workflow.ProcessSignalMarks;
import org.lyncrunbooks.workflow.ProcessSignals;
import org.lyncrunbooks.workflow.WithoutAuthorization;
import org.springframework.stereotype.Component;

/** {@link RunDurations} from the engine's history, without anyone's authorizations. */
@Component
class CamundaRunDurations implements RunDurations {

    private static final int LOOK_BACK = 50;

    private final ProcessEngine engine;
    private final ProcessSignalMarks marks;

    CamundaRunDurations(ProcessEngine engine, ProcessSignalMarks marks) {
        this.engine = engine;
        this.marks = marks;
    }

    @Override
    public List<Duration> succeeded(String processKey, int last) {
        return WithoutAuthorization.read(engine, () -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                        .processDefinitionKey(processKey).finished().orderByProcessInstanceEndTime().desc().listPage(0, LOOK_BACK))
                .stream()
                .filter(p -> marks.endEvents(p.getProcessDefinitionId(), ProcessSignals.Kind.SUCCEEDED).contains(p.getEndActivityId()))
                .limit(last)
                .map(p -> Duration.between(p.getStartTime().toInstant(), p.getEndTime().toInstant()))
                .toList();
    }

    @Override
    public List<Running> running(String processKey) {
        return WithoutAuthorization.read(engine, () -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                        .processDefinitionKey(processKey).unfinished().list())
                .stream()
                .map(p -> new Running(p.getId(), p.getBusinessKey(), processName(p.getProcessDefinitionName(), processKey),
                        p.getStartTime().toInstant()))
                .toList();
    }

    private static String processName(String name, String key) {
        return name == null || name.isBlank() ? key : name;
    }
}
