package org.lyncrunbooks.workflow;

import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The runs of a process as its marks tell them apart ({@link ProcessSignalMarks}): those that ended at an end event
 * marked {@code succeeded}, and those in progress; read from the history without anyone's authorizations, for the
 * capabilities' read models (the metrics, the slow-run mail).
 */
@Component
public class ProcessRuns {

    private static final int LOOK_BACK = 50;

    private final ProcessEngine engine;
    private final ProcessSignalMarks marks;

    ProcessRuns(ProcessEngine engine, ProcessSignalMarks marks) {
        this.engine = engine;
        this.marks = marks;
    }

    /** A run; {@code endedAt} is null while it is in progress. */
    public record Run(String processInstanceId, String businessKey, String processName, Instant startedAt, Instant endedAt) {
    }

    /** The newest (up to {@code last}) runs of {@code processKey} that succeeded, among its latest finished runs. */
    public List<Run> succeeded(String processKey, int last) {
        return WithoutAuthorization.read(engine, () -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                        .processDefinitionKey(processKey).finished().orderByProcessInstanceEndTime().desc().listPage(0, LOOK_BACK))
                .stream()
                .filter(p -> marks.endEvents(p.getProcessDefinitionId(), ProcessSignals.Kind.SUCCEEDED).contains(p.getEndActivityId()))
                .limit(last)
                .map(p -> run(p, processKey))
                .toList();
    }

    /** The runs of {@code processKey} in progress. */
    public List<Run> running(String processKey) {
        return WithoutAuthorization.read(engine, () -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(processKey).unfinished().list()).stream().map(p -> run(p, processKey)).toList();
    }

    private static Run run(HistoricProcessInstance p, String processKey) {
        String name = p.getProcessDefinitionName() == null || p.getProcessDefinitionName().isBlank()
                ? processKey : p.getProcessDefinitionName();
        return new Run(p.getId(), p.getBusinessKey(), name, p.getStartTime().toInstant(),
                p.getEndTime() == null ? null : p.getEndTime().toInstant());
    }
}
