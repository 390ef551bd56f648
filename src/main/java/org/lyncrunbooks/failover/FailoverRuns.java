package org.lyncrunbooks.failover;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The failovers and failbacks ({@code lync-pool-failover}, {@code lync-pool-failback}) in the engine's history, as the
 * manager's view lists them: read by {@link CamundaFailoverRuns}, so that the view knows nothing of the engine.
 */
interface FailoverRuns {

    /** One run; {@code endedAt} and {@code endActivityId} are null while it runs. */
    record Run(String id, String process, String pool, Instant startedAt, Instant endedAt, String endActivityId,
               Map<String, Object> variables) {
    }

    /** The newest {@code max} runs of both processes, newest first, with the variables the view shows. */
    List<Run> newestFirst(int max);
}
