package org.lyncrunbooks.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.lyncrunbooks.backupset.BackupSetEntry;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestException;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.workflow.Page;
import org.springframework.stereotype.Component;

/**
 * The backup catalog: every set on the share, newest first, with its status, size and items; the age of the newest
 * good set against the schedule; and for a run in progress how far it has got. A page reads the share's listing
 * (names only), then the manifests of the page's sets (published sets never change, so each is read once and kept),
 * the verification records of the page, and for the page's unpublished sets three engine queries bounded by them.
 */
@Component
public class BackupCatalog {

    /** Where {@code RecoveryService} records a published set found corrupted when it was last verified. */
    static final String VERIFICATION_FOLDER = ".verification";
    private static final int CACHED_MANIFESTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackupShare share;
    private final HistoryService history;
    private final BackupProgress progress;
    private final BackupSchedule schedule;
    private final BackupHealthProperties health;
    private final Clock clock;
    private final AtomicLong manifestReads = new AtomicLong();
    private final Duration retryDelay;
    private final int lanes;
    private final Map<String, SetSummary> manifests = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SetSummary> eldest) {
            return size() > CACHED_MANIFESTS;
        }
    };

    public BackupCatalog(BackupShare share, HistoryService history, BackupProgress progress, BackupSchedule schedule,
                         BackupHealthProperties health, Clock clock, BackupProperties backup) {
        this.retryDelay = backup.item().retryDelay();
        this.lanes = Math.max(1, backup.worker().lanes());
        this.share = share;
        this.history = history;
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
        List<BackupSetEntry> entries = share.list();
        Map<String, JsonNode> failedVerifications = new HashMap<>();
        Set<String> recorded = verificationRecords();
        Optional<String> current = share.current().map(Object::toString);
        int from = Math.min(page * size, entries.size());
        List<BackupSetEntry> onPage = entries.subList(from, Math.min(from + size, entries.size()));
        for (BackupSetEntry entry : onPage) {
            if (recorded.contains(entry.id().toString())) {
                readVerificationRecord(entry.id().toString()).ifPresent(r -> failedVerifications.put(entry.id().toString(), r));
            }
        }
        Runs runs = runs(onPage);
        Optional<GoodSet> good = newestGoodSet(entries, recorded);
        List<SetView> views = new ArrayList<>();
        for (BackupSetEntry entry : onPage) {
            views.add(view(entry, entries, current, failedVerifications.get(entry.id().toString()), runs, now));
        }
        Duration maxAge = health.maxAge(schedule, now);
        Duration age = good.map(g -> Duration.between(g.completedAt(), now)).orElse(null);
        return new Overview(schedule.getCron(), schedule.next(now), schedule.interval(now),
                good.map(GoodSet::setId).orElse(null), good.map(GoodSet::completedAt).orElse(null), age, maxAge,
                age == null || age.compareTo(maxAge) > 0, new Page<>(page, size, entries.size(), views));
    }

    /** The newest published set without a failed verification record (health and the catalog's headline). */
    public Optional<GoodSet> newestGoodSet() {
        return newestGoodSet(share.list(), verificationRecords());
    }

    /** How many manifests the catalog has read from the share since start-up (each published set once). */
    public long manifestReads() {
        return manifestReads.get();
    }

    private Optional<GoodSet> newestGoodSet(List<BackupSetEntry> entries, Set<String> failed) {
        for (BackupSetEntry entry : entries) {
            if (entry.status() == BackupSetEntry.Status.PUBLISHED && !failed.contains(entry.id().toString())) {
                Optional<SetSummary> summary = manifest(entry);
                if (summary.isPresent()) {
                    return Optional.of(new GoodSet(entry.id().toString(), summary.get().header().completedAt()));
                }
            }
        }
        return Optional.empty();
    }

    private SetView view(BackupSetEntry entry, List<BackupSetEntry> entries, Optional<String> current,
                         JsonNode failedVerification, Runs runs, Instant now) {
        String id = entry.id().toString();
        boolean isCurrent = current.map(id::equals).orElse(false);
        if (entry.status() == BackupSetEntry.Status.PUBLISHED) {
            Optional<SetSummary> summary = manifest(entry);
            if (summary.isEmpty()) {
                return new SetView(id, Status.FAILED_VERIFICATION, isCurrent, entry.id().startedAt(), null, null, null,
                        null, "manifest.json is missing or unreadable", null, null);
            }
            SetSummary s = summary.get();
            if (failedVerification != null) {
                return new SetView(id, Status.FAILED_VERIFICATION, isCurrent, s.header().startedAt(), s.header().completedAt(),
                        s.bytes(), s.itemCount(), s.fileCount(), problems(failedVerification),
                        instant(failedVerification.path("verifiedAt").asText(null)), null);
            }
            return new SetView(id, Status.PUBLISHED, isCurrent, s.header().startedAt(), s.header().completedAt(), s.bytes(),
                    s.itemCount(), s.fileCount(), null, null, null);
        }
        RunWorkspace workspace = new RunWorkspace(entry.directory());
        HistoricProcessInstance run = runs.bySet().get(id);
        boolean running = run != null && run.getEndTime() == null;
        boolean verificationFailed = runs.verificationFailed().contains(id)
                && (!running || runs.waitingForOperator().contains(id));
        Progress p = workspace.exists() ? progress(id, workspace, running, runs.waitingForOperator().contains(id),
                expectedBytes(entry, entries), now) : null;
        Status status = verificationFailed ? Status.FAILED_VERIFICATION
                : entry.status() == BackupSetEntry.Status.ABANDONED ? Status.ABANDONED
                : running ? Status.IN_PROGRESS : Status.PARTIAL;
        String problem = verificationFailed ? "the run's verification found files that do not match the manifest"
                : p == null ? null : p.waitingFor();
        return new SetView(id, status, isCurrent, p == null ? entry.id().startedAt() : p.startedAt(), null,
                p == null ? null : p.bytesCopied(), p == null ? null : p.itemsTotal(), null, problem, null,
                running ? p : null);
    }

    private Progress progress(String setId, RunWorkspace workspace, boolean running, boolean waiting, Long expected,
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
        BackupProgress.Running here = progress.running(setId);
        bytes += here.bytes();
        int total = plan.items().size();
        Duration elapsed = Duration.between(plan.startedAt(), now);
        Duration remaining = running && !waiting
                ? estimatedRemaining(elapsed, expected, bytes, done, failed, total, retryDelay, lanes) : null;
        String waitingFor = waiting ? failed + " of " + total + " items failed; an operator reviews the run in Tasklist"
                : null;
        return new Progress(total, done, failed, here.items(), bytes, expected, plan.startedAt(), elapsed, remaining,
                waitingFor);
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

    /** The size of the newest published set before this one: what this run will probably write. */
    private Long expectedBytes(BackupSetEntry entry, List<BackupSetEntry> entries) {
        for (BackupSetEntry other : entries) {
            if (other.status() == BackupSetEntry.Status.PUBLISHED && other.id().compareTo(entry.id()) < 0) {
                return manifest(other).map(SetSummary::bytes).orElse(null);
            }
        }
        return null;
    }

    /** The engine's runs of the page's unpublished sets (business key = set id): three queries, bounded by the page. */
    private record Runs(Map<String, HistoricProcessInstance> bySet, Set<String> verificationFailed,
                        Set<String> waitingForOperator) {
    }

    private Runs runs(List<BackupSetEntry> onPage) {
        String[] ids = onPage.stream().filter(e -> e.status() != BackupSetEntry.Status.PUBLISHED)
                .map(e -> e.id().toString()).toArray(String[]::new);
        if (ids.length == 0) {
            return new Runs(Map.of(), Set.of(), Set.of());
        }
        Map<String, HistoricProcessInstance> bySet = new HashMap<>();
        for (HistoricProcessInstance pi : history.createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY)
                .processInstanceBusinessKeyIn(ids).list()) {
            bySet.merge(pi.getBusinessKey(), pi, (a, b) -> a.getStartTime().after(b.getStartTime()) ? a : b);
        }
        Set<String> failed = new HashSet<>();
        history.createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY).processInstanceBusinessKeyIn(ids)
                .executedActivityIdIn(BackupProcess.BOUNDARY_EVENT_VERIFICATION_FAILED).list()
                .forEach(pi -> failed.add(pi.getBusinessKey()));
        Set<String> waiting = new HashSet<>();
        history.createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY).processInstanceBusinessKeyIn(ids)
                .activeActivityIdIn(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP).list()
                .forEach(pi -> waiting.add(pi.getBusinessKey()));
        return new Runs(bySet, failed, waiting);
    }

    /** A published set's manifest header, item and file counts and size; read once, published sets never change. */
    private record SetSummary(Manifest.Header header, int itemCount, long fileCount, long bytes) {
    }

    private Optional<SetSummary> manifest(BackupSetEntry entry) {
        String id = entry.id().toString();
        synchronized (manifests) {
            SetSummary cached = manifests.get(id);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Manifest.Header[] header = new Manifest.Header[1];
        int[] items = new int[1];
        long[] files = new long[1];
        long[] bytes = new long[1];
        try {
            manifestReads.incrementAndGet();
            ManifestReader.read(entry.directory().resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
                @Override
                public void header(Manifest.Header h) {
                    header[0] = h;
                }

                @Override
                public void item(Manifest.Item item) {
                    items[0]++;
                    files[0] += item.fileCount();
                    bytes[0] += item.bytes();
                }
            });
        } catch (ManifestException | IllegalArgumentException e) {
            return Optional.empty();
        }
        SetSummary summary = new SetSummary(header[0], items[0], files[0], bytes[0]);
        synchronized (manifests) {
            manifests.put(id, summary);
        }
        return Optional.of(summary);
    }

    private Set<String> verificationRecords() {
        Set<String> ids = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(share.root().resolve(VERIFICATION_FOLDER), "*.json")) {
            for (Path file : dir) {
                String name = file.getFileName().toString();
                ids.add(name.substring(0, name.length() - ".json".length()));
            }
        } catch (NoSuchFileException e) {
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + share.root().resolve(VERIFICATION_FOLDER) + ": " + e.getMessage(), e);
        }
        return ids;
    }

    private Optional<JsonNode> readVerificationRecord(String setId) {
        try {
            return Optional.of(JSON.readTree(share.root().resolve(VERIFICATION_FOLDER).resolve(setId + ".json").toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
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
