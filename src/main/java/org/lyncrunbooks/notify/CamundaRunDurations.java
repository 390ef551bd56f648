package org.lyncrunbooks.notify;

import java.time.Duration;
import java.util.List;

import org.lyncrunbooks.workflow.ProcessRuns;
import org.springframework.stereotype.Component;

/** {@link RunDurations} from the engine's history ({@link ProcessRuns}). */
@Component
class CamundaRunDurations implements RunDurations {

    private final ProcessRuns runs;

    CamundaRunDurations(ProcessRuns runs) {
        this.runs = runs;
    }

    @Override
    public List<Duration> succeeded(String processKey, int last) {
        return runs.succeeded(processKey, last).stream().map(r -> Duration.between(r.startedAt(), r.endedAt())).toList();
    }

    @Override
    public List<Running> running(String processKey) {
        return runs.running(processKey).stream()
                .map(r -> new Running(r.processInstanceId(), r.businessKey(), r.processName(), r.startedAt())).toList();
    }
}
