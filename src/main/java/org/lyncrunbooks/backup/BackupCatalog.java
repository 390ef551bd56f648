package org.lyncrunbooks.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.lyncrunbooks.backupset.BackupSetEntry;
import org.lyncrunbooks.workflow.Page;
import org.springframework.stereotype.Component;

/**
 * The backup catalog: every set on the share, newest first, with its status, size and items; the age of the newest
 * good set against the schedule; and for a run in progress how far it has got. A page reads the share's listing
 * (names only), then the manifests of the page's sets ({@link BackupSetListing} keeps them), the verification
 * records of the page, and the engine's runs of the page's unpublished sets ({@link BackupRuns}, bounded by them).
 */
@Component
public class BackupCatalog {

    private final BackupSetListing listing;
    private final BackupRuns runs;
    private final RunProgress progress;
    private final BackupSchedule schedule;
    private final BackupHealthProperties health;
    private final Clock clock;

    BackupCatalog(BackupSetListing listing, BackupRuns runs, RunProgress progress, BackupSchedule schedule,
                  BackupHealthProperties health, Clock clock) {
        this.listing = listing;
        this.runs = runs;
        this.progress = progress;
        this.schedule = schedule;
        this.health = health;
        this.clock = clock;
    }

    /** The statuses a set can have in the catalog. */
    public enum Status {
        /** Complete, verified when published, and not found corrupted since. */
        PUBLISHED,
        /** A run is writing it now (or waits for an operator). */
        IN_PROGRESS,
        /** Unpublished and no run owns it any more: a crashed run's leftover that retention removes. */
        PARTIAL,
        /** An operator gave the run up: never published, removed by retention. */
        ABANDONED,
        /** Its files did not match its manifest: when its run verified it, or when a recovery last verified it. */
        FAILED_VERIFICATION
    }

    /**
     * One set.
     *
     * @param bytes     size of every file the manifest lists (published) or written so far (unpublished)
     * @param itemCount items of the manifest, or of the run's plan
     * @param problem   why it failed verification, or why the run waits
     */
    public record SetView(String setId, Status status, boolean current, Instant startedAt, Instant completedAt,
                          Long bytes, Integer itemCount, Long fileCount, String problem, Instant verifiedAt,
                          Progress progress) {
    }

    /**
     * How far a run in progress has got.
     *
     * @param itemsRunningHere   items being backed up on this node now (their bytes are in {@code bytesCopied})
     * @param bytesExpected      the size of the newest published set, the estimate of this one's
     * @param estimatedRemaining from the rate so far: by bytes against {@code bytesExpected}, else by items, plus the
     *                           retry delay the items that failed an attempt wait before their next one (lanes wait
     *                           side by side); null when nothing is done yet or the run waits for an operator
     * @param waitingFor         what the run waits for, when it waits for a person
     */
    public record Progress(int itemsTotal, int itemsDone, int itemsFailed, int itemsRunningHere, long bytesCopied,
                           Long bytesExpected, Instant startedAt, Duration elapsed, Duration estimatedRemaining,
                           String waitingFor) {
    }

    /** The catalog's page with what the share looks like as a whole. */
    public record Overview(String schedule, Instant nextRun, Duration scheduleInterval, String newestGoodSetId,
                           Instant newestGoodSetCompletedAt, Duration newestGoodSetAge, Duration maxAge,
                           boolean newestGoodSetTooOld, Page<SetView> sets) {
    }

    /** The newest published set that is not known to be corrupted, with its completion time. */
    public record GoodSet(String setId, Instant completedAt) {
    }

    public Overview overview(int page, int size) {
        Page.check(page, size);
        Instant now = clock.instant();
        List<BackupSetEntry> entries = listing.sets();
        Map<String, JsonNode> failedVerifications = new HashMap<>();
        Set<String> recorded = listing.verificationRecords();
        Optional<String> current = listing.current();
        int from = Math.min(page * size, entries.size());
        List<BackupSetEntry> onPage = entries.subList(from, Math.min(from + size, entries.size()));
        for (BackupSetEntry entry : onPage) {
            if (recorded.contains(entry.id().toString())) {
                listing.verificationRecord(entry.id().toString()).ifPresent(r -> failedVerifications.put(entry.id().toString(), r));
            }
        }
        BackupRuns.States states = runs.of(onPage.stream().filter(e -> e.status() != BackupSetEntry.Status.PUBLISHED)
                .map(e -> e.id().toString()).toList());
        Optional<GoodSet> good = listing.newestGoodSet(entries, recorded);
        List<SetView> views = new ArrayList<>();
        for (BackupSetEntry entry : onPage) {
            views.add(view(entry, entries, current, failedVerifications.get(entry.id().toString()), states, now));
        }
        Duration maxAge = health.maxAge(schedule, now);
        Duration age = good.map(g -> Duration.between(g.completedAt(), now)).orElse(null);
        return new Overview(schedule.getCron(), schedule.next(now), schedule.interval(now),
                good.map(GoodSet::setId).orElse(null), good.map(GoodSet::completedAt).orElse(null), age, maxAge,
                age == null || age.compareTo(maxAge) > 0, new Page<>(page, size, entries.size(), views));
    }

    /** The newest published set without a failed verification record (health and the catalog's headline). */
    public Optional<GoodSet> newestGoodSet() {
        return listing.newestGoodSet(listing.sets(), listing.verificationRecords());
    }

    /** How many manifests the catalog has read from the share since start-up (each published set once). */
    public long manifestReads() {
        return listing.manifestReads();
    }

    private SetView view(BackupSetEntry entry, List<BackupSetEntry> entries, Optional<String> current,
                         JsonNode failedVerification, BackupRuns.States states, Instant now) {
        String id = entry.id().toString();
        boolean isCurrent = current.map(id::equals).orElse(false);
        if (entry.status() == BackupSetEntry.Status.PUBLISHED) {
            Optional<BackupSetListing.SetSummary> summary = listing.manifest(entry);
            if (summary.isEmpty()) {
                return new SetView(id, Status.FAILED_VERIFICATION, isCurrent, entry.id().startedAt(), null, null, null,
                        null, "manifest.json is missing or unreadable", null, null);
            }
            BackupSetListing.SetSummary s = summary.get();
            if (failedVerification != null) {
                return new SetView(id, Status.FAILED_VERIFICATION, isCurrent, s.header().startedAt(), s.header().completedAt(),
                        s.bytes(), s.itemCount(), s.fileCount(), problems(failedVerification),
                        instant(failedVerification.path("verifiedAt").asText(null)), null);
            }
            return new SetView(id, Status.PUBLISHED, isCurrent, s.header().startedAt(), s.header().completedAt(), s.bytes(),
                    s.itemCount(), s.fileCount(), null, null, null);
        }
        RunWorkspace workspace = new RunWorkspace(entry.directory());
        BackupRuns.Run run = states.bySet().get(id);
        boolean running = run != null && run.running();
        boolean verificationFailed = states.verificationFailed().contains(id)
                && (!running || states.waitingForOperator().contains(id));
        Progress p = workspace.exists() ? progress.of(id, workspace, running, states.waitingForOperator().contains(id),
                listing.expectedBytes(entry, entries), now) : null;
        Status status = verificationFailed ? Status.FAILED_VERIFICATION
                : entry.status() == BackupSetEntry.Status.ABANDONED ? Status.ABANDONED
                : running ? Status.IN_PROGRESS : Status.PARTIAL;
        String problem = verificationFailed ? "the run's verification found files that do not match the manifest"
                : p == null ? null : p.waitingFor();
        return new SetView(id, status, isCurrent, p == null ? entry.id().startedAt() : p.startedAt(), null,
                p == null ? null : p.bytesCopied(), p == null ? null : p.itemsTotal(), null, problem, null,
                running ? p : null);
    }

    private static String problems(JsonNode record) {
        List<String> problems = new ArrayList<>();
        record.path("problems").forEach(p -> problems.add(p.asText()));
        if (problems.isEmpty()) {
            return "failed verification";
        }
        String shown = String.join("; ", problems.subList(0, Math.min(3, problems.size())));
        return problems.size() > 3 ? shown + " … and " + (problems.size() - 3) + " more" : shown;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
