package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.List;

/**
 * The recoveries that have not ended yet, as the start of another one needs to see them: read from the engine by
 * {@link CamundaRunningRecoveries}, so that the recovery service knows nothing of the engine.
 */
public interface RunningRecoveries {

    /**
     * The unfinished recoveries (and failovers) whose subject — the failed server, or the pool — is one of
     * {@code names}, compared in any letter case.
     */
    List<Running> of(List<String> names);

    /**
     * One unfinished recovery.
     *
     * @param subject   the server (or pool) it recovers
     * @param waitingAt where it stands: the steps it waits at, each with who it waits for
     */
    record Running(String recoveryId, String process, String subject, Instant startedAt, String startedBy,
                   List<String> waitingAt) {
    }
}
