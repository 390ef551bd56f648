package org.lyncrunbooks.backup;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * How far a run that has not published its set has got: the items done and failed as its working folder on the
 * share records them (any node sees those), plus what the items running on this node have written so far, and an
 * estimate of the time left from the rate so far.
 */
@Component
class RunProgress {

    private final BackupProgress running;
    private final Duration retryDelay;
    private final int lanes;

    RunProgress(BackupProgress running, BackupProperties backup) {
        this.running = running;
        this.retryDelay = backup.item().retryDelay();
        this.lanes = Math.max(1, backup.worker().lanes());
    }

    /**
     * The progress of the run writing {@code setId}, or null when its plan cannot be read.
     *
     * @param expected the size of the newest published set before it, the estimate of its own
     */
    BackupCatalog.Progress of(String setId, RunWorkspace workspace, boolean isRunning, boolean waiting, Long expected,
                              Instant now) {
        RunWorkspace.StoredPlan plan;
        try {
            plan = workspace.plan();
        } catch (UncheckedIOException e) {
            return null;
        }
        int done = 0;
        int failed = 0;
        long bytes = 0;
        for (RunWorkspace.ItemOutcome outcome : workspace.outcomes().values()) {
            if (outcome.done()) {
                done++;
                bytes += outcome.bytes();
            } else {
                failed++;
            }
        }
        BackupProgress.Running here = running.running(setId);
        bytes += here.bytes();
        int total = plan.items().size();
        Duration elapsed = Duration.between(plan.startedAt(), now);
        Duration remaining = isRunning && !waiting
                ? estimatedRemaining(elapsed, expected, bytes, done, failed, total, retryDelay, lanes) : null;
        String waitingFor = waiting ? failed + " of " + total + " items failed; an operator reviews the run in Tasklist"
                : null;
        return new BackupCatalog.Progress(total, done, failed, here.items(), bytes, expected, plan.startedAt(), elapsed,
                remaining, waitingFor);
    }

    /**
     * The time a run in progress still needs: from the rate so far, by bytes against the size {@code expected} of
     * the previous set, else by items; plus one retry delay for the items that failed an attempt and wait for their
     * next one (the lanes wait side by side). Null when nothing is done yet.
     */
    static Duration estimatedRemaining(Duration elapsed, Long expected, long bytes, int done, int failed, int total,
                                       Duration retryDelay, int lanes) {
        Duration remaining = null;
        if (expected != null && bytes > 0 && expected > bytes) {
            remaining = Duration.ofMillis((long) (elapsed.toMillis() * ((double) (expected - bytes) / bytes)));
        } else if (done > 0 && done < total) {
            remaining = elapsed.multipliedBy(total - done).dividedBy(done);
        } else if (done >= total) {
            remaining = Duration.ZERO;
        }
        if (remaining != null && failed > 0) {
            remaining = remaining.plus(retryDelay.multipliedBy((failed + lanes - 1) / lanes));
        }
        return remaining;
    }
}
