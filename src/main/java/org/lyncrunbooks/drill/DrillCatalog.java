package org.lyncrunbooks.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.recovery.RecoveryProperties;
import org.lyncrunbooks.workflow.Page;
import org.springframework.stereotype.Component;

/**
 * The drills as the manager's views and the health check read them: every drill's record, newest set first, each
 * with its state (a drill whose record says running but which the engine no longer has was interrupted, and counts
 * as failed), the newest drill, the newest set proven restorable and its age, and the machine-time estimates of the
 * recovery procedures from the newest passed drill. Records are read from the share and kept while their file is
 * unchanged.
 */
@Component
public class DrillCatalog {

    private static final int FAILING_SHOWN = 3;

    private final DrillRecords records;
    private final DrillRuns runs;
    private final DrillSchedule schedule;
    private final DrillProperties properties;
    private final RecoveryProperties recovery;
    private final Clock clock;
    private final Map<String, Cached> cache = new HashMap<>();

    DrillCatalog(DrillRecords records, DrillRuns runs, DrillSchedule schedule, DrillProperties properties,
                 RecoveryProperties recovery, Clock clock) {
        this.records = records;
        this.runs = runs;
        this.schedule = schedule;
        this.properties = properties;
        this.recovery = recovery;
        this.clock = clock;
    }

    /** A drill's state: {@code running}, {@code passed}, {@code failed}, or {@code interrupted} (failed: it never finished). */
    public enum State {
        RUNNING, PASSED, FAILED, INTERRUPTED;

        boolean failed() {
            return this == FAILED || this == INTERRUPTED;
        }
    }

    /**
     * One drill, as the lists show it.
     *
     * @param restoreTime the restore times of its items added up: how long the restores of this set take
     * @param failing     the first failing items with their messages
     */
    public record Summary(String setId, Instant setCompletedAt, State state, Instant startedAt, Instant finishedAt,
                          Duration elapsed, Duration restoreTime, int itemCount, int itemsDone, int failedItems,
                          int verifiedOnly, String summary, List<String> failing) {
    }

    /** One drill with its full record: every item with every message. */
    public record Detail(Summary summary, DrillRecord record) {
    }

    /** The newest set a drill proved restorable, and how old it is against {@code lync.drill.max-age}. */
    public record Proven(String setId, Instant setCompletedAt, Instant provenAt, Duration restoreTime, Duration age,
                         boolean tooOld) {
    }

    /** The drills page with the headline: the schedule, the newest drill, the newest proven set. */
    public record Overview(String schedule, Instant nextRun, Duration maxAge, Summary newestDrill, Proven newestProven,
                           Page<Summary> drills) {
    }

    /** What each recovery procedure would spend restoring from the newest set a drill proved restorable. */
    public record Estimates(String setId, Instant drilledAt, Duration rtoTarget, List<DrillRecord.Estimate> estimates) {
    }

    public Overview overview(int page, int size) {
        Page.check(page, size);
        List<String> ids = records.setIds();
        int from = Math.min(page * size, ids.size());
        Map<String, String> active = runs.active();
        List<Summary> items = new ArrayList<>();
        for (String id : ids.subList(from, Math.min(from + size, ids.size()))) {
            record(id).ifPresent(r -> items.add(summary(r, active)));
        }
        return new Overview(schedule.getCron(), schedule.next(clock.instant()), properties.maxAge(),
                newestDrill(active).orElse(null), newestProven().orElse(null),
                new Page<>(page, size, ids.size(), items));
    }

    /** The drills of the given sets, for the backup catalog's column; sets never drilled are left out. */
    public Map<String, Summary> forSets(List<String> setIds) {
        Map<String, String> active = runs.active();
        Map<String, Summary> found = new LinkedHashMap<>();
        for (String id : setIds) {
            try {
                record(id).ifPresent(r -> found.put(id, summary(r, active)));
            } catch (IllegalArgumentException e) {
                // not a set id: nothing to show for it
            }
        }
        return found;
    }

    public Optional<Detail> drill(String setId) {
        return record(setId).map(r -> new Detail(summary(r, runs.active()), r));
    }

    /** The drill that started last, whatever set it drilled. */
    public Optional<Summary> newestDrill() {
        return newestDrill(runs.active());
    }

    /** The newest set whose drill passed. */
    public Optional<Proven> newestProven() {
        Instant now = clock.instant();
        for (String id : records.setIds()) {
            Optional<DrillRecord> r = record(id);
            if (r.isPresent() && r.get().status() == DrillRecord.Status.PASSED) {
                DrillRecord passed = r.get();
                Duration age = Duration.between(passed.setCompletedAt(), now);
                return Optional.of(new Proven(passed.setId(), passed.setCompletedAt(), passed.finishedAt(),
                        restoreTime(passed), age, age.compareTo(properties.maxAge()) > 0));
            }
        }
        return Optional.empty();
    }

    public Optional<Estimates> estimates() {
        for (String id : records.setIds()) {
            Optional<DrillRecord> r = record(id);
            if (r.isPresent() && r.get().status() == DrillRecord.Status.PASSED) {
                return Optional.of(new Estimates(id, r.get().finishedAt(), recovery.rtoTarget(), r.get().estimates()));
            }
        }
        return Optional.empty();
    }

    /** Whether any drill has ever been recorded. */
    public boolean anyDrill() {
        return !records.setIds().isEmpty();
    }

    private Optional<Summary> newestDrill(Map<String, String> active) {
        return records.setIds().stream().map(this::record).flatMap(Optional::stream)
                .max(Comparator.comparing(DrillRecord::startedAt)).map(r -> summary(r, active));
    }

    private Summary summary(DrillRecord r, Map<String, String> active) {
        State state = switch (r.status()) {
            case PASSED -> State.PASSED;
            case FAILED -> r.summary() != null && r.summary().startsWith("interrupted") ? State.INTERRUPTED : State.FAILED;
            case RUNNING -> active.containsKey(r.drillId()) ? State.RUNNING : State.INTERRUPTED;
        };
        int done = (int) r.items().stream().filter(i -> i.outcome() != DrillRecord.Outcome.PENDING
                && i.outcome() != DrillRecord.Outcome.RUNNING).count();
        List<String> failing = r.items().stream().filter(DrillRecord.Item::failed).limit(FAILING_SHOWN)
                .map(i -> i.item() + ": " + (i.restoreResult() != null && i.restoreResult().startsWith("Failed")
                        ? i.restoreResult() : i.checkResult())).toList();
        String text = state == State.INTERRUPTED && r.status() == DrillRecord.Status.RUNNING
                ? "interrupted: the drill stopped before it finished (its node died or it was cancelled); it proves nothing"
                : r.summary();
        return new Summary(r.setId(), r.setCompletedAt(), state, r.startedAt(), r.finishedAt(), r.elapsed(),
                restoreTime(r), r.items().size(), done, (int) r.failedItems(),
                (int) r.items().stream().filter(i -> i.outcome() == DrillRecord.Outcome.VERIFIED_ONLY).count(), text,
                failing);
    }

    private static Duration restoreTime(DrillRecord r) {
        return r.items().stream().map(DrillRecord.Item::restoreElapsed).filter(d -> d != null)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** A record, read again only when its file changed. */
    private Optional<DrillRecord> record(String setId) {
        Path file = records.folder().resolve(setId + ".json");
        long modified;
        try {
            modified = Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (java.io.IOException e) {
            return records.read(setId);
        }
        synchronized (cache) {
            Cached cached = cache.get(setId);
            if (cached != null && cached.modified() == modified) {
                return Optional.of(cached.record());
            }
        }
        Optional<DrillRecord> read = records.read(setId);
        read.ifPresent(r -> {
            synchronized (cache) {
                cache.put(setId, new Cached(modified, r));
            }
        });
        return read;
    }

    private record Cached(long modified, DrillRecord record) {
    }
}
