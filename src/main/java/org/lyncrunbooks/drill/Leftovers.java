package org.lyncrunbooks.drill;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What drills that did not finish left behind, removed before the next drill: the scratch databases on every SQL
 * instance of the topology and on the drill instance, the scratch databases beside the engine's, the scratch
 * folder; and their records, marked failed (a drill that never finished proves nothing). Only one drill runs at a
 * time, so whatever is there when a drill starts is a leftover.
 */
final class Leftovers {

    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

    private final Topology topology;
    private final SqlServerClient sql;
    private final ScratchFolders scratch;
    private final ItemDrills drills;
    private final DrillRecords records;
    private final DrillProperties properties;
    private final Clock clock;

    Leftovers(Topology topology, SqlServerClient sql, ScratchFolders scratch, ItemDrills drills, DrillRecords records,
              DrillProperties properties, Clock clock) {
        this.topology = topology;
        this.sql = sql;
        this.scratch = scratch;
        this.drills = drills;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
    }

    /** Removes every scratch database and folder there is; one line each for the new drill's record. */
    List<String> remove() {
        List<String> notes = new ArrayList<>();
        List<SqlStoreRef> instances = new ArrayList<>(topology.sqlStores().stream().map(SqlStore::ref).toList());
        properties.drillInstance().filter(i -> !instances.contains(i)).ifPresent(instances::add);
        for (SqlStoreRef instance : instances) {
            try {
                for (String leftover : sql.scratchDatabases(instance)) {
                    sql.dropScratchDatabase(instance, leftover);
                    notes.add("removed scratch database " + leftover + " left on " + instance.display()
                            + " by a drill that did not finish");
                }
            } catch (RuntimeException e) {
                log.warn("Could not look for the drill's leftovers on {}: {}", instance.display(), e.getMessage());
            }
        }
        for (Path leftover : scratch.removeLeftovers()) {
            notes.add("removed scratch folder " + leftover + " left by a drill that did not finish");
        }
        notes.addAll(drills.removeEngineLeftovers());
        return notes;
    }

    /** Marks failed every record that says running whose drill is neither {@code drillId} nor in the engine. */
    void recordInterrupted(String drillId, Map<String, String> active) {
        for (String setId : records.setIds()) {
            records.read(setId).filter(r -> r.status() == DrillRecord.Status.RUNNING && !r.drillId().equals(drillId)
                    && !active.containsKey(r.drillId())).ifPresent(this::recordInterrupted);
        }
    }

    private void recordInterrupted(DrillRecord record) {
        Instant now = clock.instant();
        List<DrillRecord.Item> items = record.items().stream().map(i -> i.outcome() == DrillRecord.Outcome.RUNNING
                ? new DrillRecord.Item(i.item(), i.kind(), i.source(), i.testTarget(), i.size(), i.backupFiles(),
                DrillRecord.Outcome.FAILED, "Interrupted: the drill stopped while restoring this item", "Not run",
                i.started(), now, null, null, null, i.counts(), "the drill's node died or the drill was cancelled")
                : i).toList();
        DrillRecord interrupted = new DrillRecord(record.setId(), record.setCompletedAt(), record.drillId(),
                DrillRecord.Status.RUNNING, record.startedAt(), null, null, record.previousSetId(), null, items,
                List.of());
        records.write(interrupted.finished(DrillRecord.Status.FAILED, now, "interrupted: restore drill "
                + record.drillId() + " of set " + record.setId() + " did not finish (its node died or it was cancelled); "
                + "it proves nothing, and its scratch copies were removed by the next drill", List.of()));
        log.warn("Restore drill {} of set {} did not finish; recorded as failed", record.drillId(), record.setId());
    }
}
