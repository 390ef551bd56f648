package org.lyncrunbooks.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How long runs of a process usually take, and which run now: for the slow-run mail. */
interface RunDurations {

    /** A run in progress. */
    record Running(String processInstanceId, String businessKey, String processName, Instant startedAt) {
    }

    /** The durations of the newest {@code last} runs of {@code processKey} that ended at a succeeded end event. */
    List<Duration> succeeded(String processKey, int last);

    /** The runs of {@code processKey} in progress. */
    List<Running> running(String processKey);
}
