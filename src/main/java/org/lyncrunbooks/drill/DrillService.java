package org.lyncrunbooks.drill;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.backupset.BackupSetEntry;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetNames;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore drill of one published set: choose the set, remove what earlier drills left behind, drill every item of
 * its manifest (restore into a scratch target, check, remove), and assess the whole. Each step reads and writes the
 * drill's record on the share, so the engine keeps only the set id and the item index.
 */
public class DrillService {

    private static final Logger log = LoggerFactory.getLogger(DrillService.class);

    private final BackupShare share;
    private final Topology topology;
    private final DrillRecords records;
    private final DrillRuns runs;
    private final ItemDrills drills;
    private final ScratchFolders scratch;
    private final Leftovers leftovers;
    private final Clock clock;

    DrillService(BackupShare share, Topology topology, DrillRecords records, DrillRuns runs, SqlServerClient sql,
                 ItemDrills drills, ScratchFolders scratch, DrillProperties properties, Clock clock) {
        this.share = share;
        this.topology = topology;
        this.records = records;
        this.runs = runs;
        this.drills = drills;
        this.scratch = scratch;
        this.leftovers = new Leftovers(topology, sql, scratch, drills, records, properties, clock);
        this.clock = clock;
    }

    /** The set a drill will drill, or why there is none. */
    public record Choice(Optional<String> setId, String skipReason) {
    }

    /** How a drill came out. */
    public record Outcome(boolean passed, int failedItems, String summary) {
    }

    /**
     * The set {@code requested} names, or the one {@code CURRENT} names. A drill started by the schedule skips (with the
     * reason) when there is no set yet or another drill still runs; one started by a person is refused instead.
     *
     * @throws DrillRefusedException naming what is wrong, for a person's start
     */
    public Choice choose(Optional<String> requested, boolean scheduled, String drillId) {
        Map<String, String> active = new LinkedHashMap<>(runs.active());
        active.remove(drillId);
        if (!active.isEmpty()) {
            Map.Entry<String, String> other = active.entrySet().iterator().next();
            String busy = "a restore drill of set " + other.getValue() + " is running (process instance " + other.getKey()
                    + "); one drill runs at a time, so that no drill removes the scratch copies of another";
            return skipOrRefuse(scheduled, busy);
        }
        if (requested.isPresent()) {
            return new Choice(Optional.of(published(requested.get().strip())), null);
        }
        Optional<SetId> current = share.current();
        if (current.isEmpty()) {
            return skipOrRefuse(scheduled, "no published backup set to drill: CURRENT on " + share.root()
                    + " names none; run a backup first");
        }
        if (!Files.isDirectory(share.publishedDirectory(current.get()), LinkOption.NOFOLLOW_LINKS)) {
            return skipOrRefuse(scheduled, "CURRENT on " + share.root() + " names set " + current.get()
                    + ", but no such published set folder exists; name a set");
        }
        return new Choice(Optional.of(current.get().toString()), null);
    }

    /**
     * Removes what drills that died left behind (scratch databases, scratch folders), records such a drill as failed,
     * and writes this drill's record with the set's items, all pending. Returns the number of items.
     */
    public int prepare(String setId, String drillId) {
        SetId id = SetId.parse(setId).orElseThrow(() -> new DrillRefusedException("'" + setId + "' is not a set id"));
        Map<String, String> active = runs.active();
        Map<String, String> others = new LinkedHashMap<>(active);
        others.remove(drillId);
        if (!others.isEmpty()) {
            // a failed drill sent back by its review while another drill runs: it waits (the job is retried later)
            throw new DrillRefusedException("a restore drill of set " + others.values().iterator().next()
                    + " is running; this drill of set " + setId + " waits until it is done");
        }
        List<String> notes = leftovers.remove();
        leftovers.recordInterrupted(drillId, active);
        DrillPlan plan;
        try {
            plan = DrillPlan.of(share.publishedDirectory(id), setId);
        } catch (DrillRefusedException e) {
            // the set went away (retention) or its manifest is damaged: a drill with nothing to drill, which fails
            notes.add(0, e.getMessage());
            plan = new DrillPlan(null, List.of());
        }
        List<DrillRecord.Item> items = plan.items();
        String previous = previousDrilled(id).map(DrillRecord::setId).orElse(null);
        Instant now = clock.instant();
        records.write(new DrillRecord(setId, plan.setCompletedAt(), drillId, DrillRecord.Status.RUNNING, now, null, null,
                previous, notes.isEmpty() ? null : String.join("; ", notes), items, List.of()));
        log.info("Restore drill {} of set {} prepared: {} items{}", drillId, setId, items.size(),
                notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return items.size();
    }

    /** Drills item {@code index} of the set's record; an item a repeated job finds done is left as it is. */
    public void drillItem(String setId, int index) {
        DrillRecord record = records.require(setId);
        if (index < 0 || index >= record.items().size()) {
            throw new IllegalArgumentException("set " + setId + " has no item " + index + " in its drill record ("
                    + record.items().size() + " items)");
        }
        DrillRecord.Item item = record.items().get(index);
        if (item.outcome() != DrillRecord.Outcome.PENDING && item.outcome() != DrillRecord.Outcome.RUNNING) {
            return;
        }
        Instant started = clock.instant();
        records.write(record.withItem(index, i -> new DrillRecord.Item(i.item(), i.kind(), i.source(), null, i.size(),
                i.backupFiles(), DrillRecord.Outcome.RUNNING, null, null, started, null, null, null, null, null, null)));
        DrillRecord.Item result;
        try {
            result = drills.drill(item, setId, share.publishedDirectory(SetId.parse(setId).orElseThrow()),
                    previousCounts(record, item.item()));
        } catch (RuntimeException e) {
            log.warn("Drill of {} in set {} failed: {}", item.item(), setId, e.getMessage());
            Instant finished = clock.instant();
            result = new DrillRecord.Item(item.item(), item.kind(), item.source(), null, item.size(), item.backupFiles(),
                    DrillRecord.Outcome.FAILED, "Failed: " + e.getMessage(), "Not run", started, finished,
                    java.time.Duration.between(started, finished), null, null, null, String.valueOf(e));
        }
        DrillRecord.Item done = result;
        records.write(records.require(setId).withItem(index, i -> done));
        log.info("Drill of {} in set {}: {} (restore: {}; check: {})", item.item(), setId, done.outcome(),
                done.restoreResult(), done.checkResult());
    }

    /** Finishes the drill's record: passed when no item failed; the machine time each recovery would take. */
    public Outcome assess(String setId) {
        DrillRecord record = records.require(setId);
        List<String> failing = new ArrayList<>();
        for (DrillRecord.Item item : record.items()) {
            if (item.outcome() == DrillRecord.Outcome.PENDING || item.outcome() == DrillRecord.Outcome.RUNNING) {
                throw new IllegalStateException("item " + item.item() + " of set " + setId + " has not been drilled");
            }
            if (item.failed()) {
                failing.add("- " + item.item() + " (" + item.kind() + "): " + (item.restoreResult() != null
                        && item.restoreResult().startsWith("Failed") ? item.restoreResult() : item.checkResult()));
            }
        }
        scratch.removeSet(setId);
        boolean passed = failing.isEmpty() && !record.items().isEmpty();
        long verifiedOnly = record.items().stream().filter(i -> i.outcome() == DrillRecord.Outcome.VERIFIED_ONLY).count();
        String summary = record.items().isEmpty()
                ? "nothing of set " + setId + " could be drilled: " + record.summary()
                : passed
                ? "all " + record.items().size() + " items of set " + setId + " restored and checked"
                + (verifiedOnly > 0 ? " (" + verifiedOnly + " larger than lync.drill.max-size verified only)" : "")
                : failing.size() + " of " + record.items().size() + " items of set " + setId + " failed the drill:\n"
                + String.join("\n", failing);
        records.write(record.finished(passed ? DrillRecord.Status.PASSED : DrillRecord.Status.FAILED, clock.instant(),
                summary, RecoveryEstimates.estimate(topology, setId, record.items())));
        log.info("Restore drill of set {} {}", setId, passed ? "passed" : "FAILED: " + summary);
        return new Outcome(passed, failing.size(), summary);
    }

    private Choice skipOrRefuse(boolean scheduled, String reason) {
        if (scheduled) {
            log.info("Scheduled restore drill skipped: {}", reason);
            return new Choice(Optional.empty(), reason);
        }
        throw new DrillRefusedException(reason);
    }

    private String published(String requested) {
        SetId id = SetId.parse(requested).orElseThrow(() -> new DrillRefusedException("'" + SetNames.printable(requested)
                + "' is not a backup set id (the start time in UTC, like 20261126T020000Z, optionally with -2, -3, …)"));
        List<BackupSetEntry> sets = share.list();
        BackupSetEntry entry = sets.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() ->
                new DrillRefusedException("no backup set " + id + " on " + share.root() + "; published sets: "
                        + SetNames.published(sets)));
        if (entry.status() != BackupSetEntry.Status.PUBLISHED) {
            throw new DrillRefusedException("backup set " + id + " is not published (" + entry.directory().getFileName()
                    + "): only a complete, verified set is drilled. Published sets: " + SetNames.published(sets));
        }
        return id.toString();
    }

    /** The newest finished drill of an older set: what export counts are compared with. */
    private Optional<DrillRecord> previousDrilled(SetId id) {
        for (String other : records.setIds()) {
            if (SetId.parse(other).orElseThrow().compareTo(id) < 0) {
                Optional<DrillRecord> record = records.read(other);
                if (record.isPresent() && record.get().status() != DrillRecord.Status.RUNNING) {
                    return record;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<ExportDrill.Previous> previousCounts(DrillRecord record, String itemId) {
        if (record.previousSetId() == null) {
            return Optional.empty();
        }
        return records.read(record.previousSetId()).flatMap(previous -> previous.items().stream()
                .filter(i -> i.item().equals(itemId) && !i.counts().isEmpty()).findFirst()
                .map(i -> new ExportDrill.Previous(previous.setId(), i.counts())));
    }
}
