package org.lyncrunbooks.backup;

import java.time.Instant;
import java.util.List;

/** The backup runs that have not ended, as the start of another one needs to see them; read from the engine. */
public interface RunningBackups {

    /** Every unfinished {@code lync-backup-cycle} run but {@code exceptRunId}, the oldest first. */
    List<Run> others(String exceptRunId);

    /**
     * One unfinished run.
     *
     * @param setId     its backup set id (the business key), or null before it has one
     * @param waitingAt where it stands: the operator's review, or the step it runs
     */
    record Run(String runId, String setId, Instant startedAt, String startedBy, String waitingAt) {
    }
}
