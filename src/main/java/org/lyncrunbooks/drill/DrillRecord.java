package org.lyncrunbooks.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One restore drill of one backup set, as kept in {@code <root>/.drills/<setId>.json}: the whole drill and one record
 * per item, with the fields of dbatools' {@code Test-DbaLastBackup} (source, test target, size, restore result,
 * check result, start, end, elapsed) and the full messages, for audit.
 *
 * @param drillId        the engine's id of the drill (process instance)
 * @param previousSetId  the drilled set the export counts were compared with, if any
 * @param summary        one paragraph: what passed, or what failed and why
 * @param estimates      the machine time each recovery procedure would take from this set, from the restore times
 */
public record DrillRecord(String setId, Instant setCompletedAt, String drillId, Status status, Instant startedAt,
                          Instant finishedAt, Duration elapsed, String previousSetId, String summary, List<Item> items,
                          List<Estimate> estimates) {

    public DrillRecord {
        items = items == null ? List.of() : List.copyOf(items);
        estimates = estimates == null ? List.of() : List.copyOf(estimates);
    }

    /** The state of a drill. */
    public enum Status {
        /** Items are being drilled; a drill whose process is gone while it says so was interrupted. */
        RUNNING,
        /** Every item restored and checked (or verified only, where the record says why). */
        PASSED,
        /** An item failed, or the drill was interrupted before it finished. */
        FAILED
    }

    /** How one item came out. */
    public enum Outcome {
        PENDING, RUNNING, PASSED, FAILED,
        /** Larger than {@code lync.drill.max-size}: only {@code RESTORE VERIFYONLY}, which passed. */
        VERIFIED_ONLY,
        /** Nothing to drill for this kind of item; the record says why. */
        SKIPPED
    }

    /**
     * One item of the set, drilled.
     *
     * @param item           the manifest's item id
     * @param source         where the data came from ({@code sql01\archmon/LcsCDR})
     * @param testTarget     where it was restored for the drill (a scratch database or folder), or how it was read
     * @param size           bytes of the item's files in the set
     * @param backupFiles    the set's files the drill read
     * @param restoreResult  {@code Success}, or why the restore failed
     * @param checkResult    {@code Success}, or what the check found
     * @param restoreElapsed how long the restore took: what a recovery would spend on this item
     * @param counts         what the restored or parsed data holds: rows per table, or users, contacts, workflows…
     * @param details        every message, in full
     */
    public record Item(String item, String kind, String source, String testTarget, long size, List<String> backupFiles,
                       Outcome outcome, String restoreResult, String checkResult, Instant started, Instant finished,
                       Duration elapsed, Duration restoreElapsed, Duration checkElapsed, Map<String, Long> counts,
                       String details) {

        public Item {
            backupFiles = backupFiles == null ? List.of() : List.copyOf(backupFiles);
            counts = counts == null ? Map.of() : counts;
        }

        boolean failed() {
            return outcome == Outcome.FAILED;
        }
    }

    /**
     * What one recovery procedure would spend on restores from this set.
     *
     * @param server      the failed server the estimate is for
     * @param procedure   Microsoft's procedure (R3, R4, …)
     * @param machineTime the restore times of the items it restores, added up; people's steps come on top
     * @param items       the items it restores
     * @param text        the estimate in one sentence
     */
    public record Estimate(String server, String procedure, String title, Duration machineTime, List<String> items,
                           String text) {
    }

    DrillRecord withItem(int index, UnaryOperator<Item> change) {
        List<Item> changed = new ArrayList<>(items);
        changed.set(index, change.apply(items.get(index)));
        return new DrillRecord(setId, setCompletedAt, drillId, status, startedAt, finishedAt, elapsed, previousSetId,
                summary, changed, estimates);
    }

    DrillRecord finished(Status outcome, Instant at, String text, List<Estimate> estimated) {
        return new DrillRecord(setId, setCompletedAt, drillId, outcome, startedAt, at, Duration.between(startedAt, at),
                previousSetId, text, items, estimated);
    }

    long failedItems() {
        return items.stream().filter(Item::failed).count();
    }
}
