package org.lyncrunbooks.metrics;

import java.time.Instant;
import java.util.Optional;

/** What the engine's history says about finished runs and open escalations, for the metrics. */
interface RunHistory {

    /** A finished run. */
    record Run(String processInstanceId, String businessKey, Instant startedAt, Instant endedAt) {
    }

    /**
     * The newest run of {@code processKey} that ended at an end event marked {@code lync.signal=succeeded}, among
     * its latest finished runs.
     */
    Optional<Run> lastSucceeded(String processKey);

    /** Open user tasks marked {@code lync.signal=escalation}, in every process. */
    long openEscalations();
}
