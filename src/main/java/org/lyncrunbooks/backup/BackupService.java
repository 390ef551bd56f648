package org.lyncrunbooks.backup;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.lyncrunbooks.backupset.ProblemSummary;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.BackupShareUnavailableException;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestWriter;
import org.lyncrunbooks.backupset.RetentionPolicy;
import org.lyncrunbooks.backupset.RetentionReport;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.BackupPlan;
import org.lyncrunbooks.topology.BackupPlanner;
import org.lyncrunbooks.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The backup cycle's work, step by step, without the engine: prepare a set, run one item, assess the items,
 * write the manifest, verify, publish, apply retention, abandon. Every step is safe to run again after a crash:
 * ids are deterministic, items already done are skipped, publication recognises its own progress.
 */
@Service
public class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final int SUMMARY_LIMIT = 3500;
    /** Runs whose plans this node keeps parsed; a node works on one run at a time, rarely two. */
    private static final int CACHED_PLANS = 8;

    private final BackupShare share;
    private final Topology topology;
    private final BackupItemRunner runner;
    private final SetVerifier verifier;
    private final SqlServerClient sqlServer;
    private final BackupProperties properties;
    private final Clock clock;
    private final BackupProgress progress;
    private final RunPlans plans = new RunPlans(CACHED_PLANS);
    private final RunVerification runVerification;

    public BackupService(BackupShare share, Topology topology, BackupItemRunner runner, SetVerifier verifier,
                         SqlServerClient sqlServer, BackupProperties properties, Clock clock, BackupProgress progress) {
        this.progress = progress;
        this.share = share;
        this.topology = topology;
        this.runner = runner;
        this.verifier = verifier;
        this.sqlServer = sqlServer;
        this.properties = properties;
        this.clock = clock;
        this.runVerification = new RunVerification(share, verifier, properties.verify(), clock);
    }

    /** A prepared run: its set id and how many items it has. */
    public record PreparedRun(String setId, int itemCount) {
    }

    /** How the items of a run ended. */
    public record Assessment(int itemCount, int failedCount, String summary) {
    }

    /**
     * Checks the share before any work, then creates the run's {@code .partial} set with its plan; when the run
     * already has a set (a retry), keeps it and its plan.
     *
     * @throws BackupShareUnavailableException when the share cannot be written; nothing was created
     */
    public PreparedRun prepare(Optional<String> existingSetId) {
        return prepare(existingSetId, Optional.empty());
    }

    /**
     * As {@link #prepare(Optional)}; a new run's set is named after {@code startedAt} when given (the moment the run
     * was admitted, whose id its start answered with), else after now.
     */
    public PreparedRun prepare(Optional<String> existingSetId, Optional<Instant> startedAt) {
        share.checkWritable();
        if (existingSetId.isPresent()) {
            SetId id = parse(existingSetId.get());
            RunWorkspace workspace = workspace(id);
            if (!workspace.exists()) {
                throw new IllegalStateException("the working folder of set " + id + " is gone from " + share.root()
                        + "; abandon this run and start a new one");
            }
            return new PreparedRun(id.toString(), workspace.plan().items().size());
        }
        BackupPlan plan = BackupPlanner.plan(topology);
        Instant runStartedAt = startedAt.orElseGet(clock::instant);
        SetId id = share.createPartial(runStartedAt);
        try {
            workspace(id).create(new RunWorkspace.StoredPlan(id.toString(), runStartedAt, plan.topologySha256(),
                    plan.items(), plan.excluded()));
        } catch (UncheckedIOException e) {
            throw new BackupShareUnavailableException("cannot write the plan of set " + id + " on " + share.root()
                    + ": " + e.getMessage(), e);
        }
        log.info("Backup set {} prepared with {} items ({} databases excluded) in {}", id, plan.items().size(),
                plan.excluded().size(), share.partialDirectory(id));
        return new PreparedRun(id.toString(), plan.items().size());
    }

    /**
     * Runs item {@code index} of the set unless it is already done. The outcome (done, or failed with the tool's
     * own message) is recorded in the set before this returns or throws.
     *
     * @throws BackupItemException when the item failed; the caller decides whether to try again
     */
    public void runItem(String setId, int index, int attempt) {
        SetId id = parse(setId);
        RunWorkspace workspace = workspace(id);
        RunWorkspace.StoredPlan plan = plans.plan(workspace);
        if (index < 0 || index >= plan.items().size()) {
            throw new IllegalArgumentException("set " + id + " has no item " + index);
        }
        BackupItem item = plan.items().get(index);
        if (workspace.outcome(index).map(RunWorkspace.ItemOutcome::done).orElse(false)) {
            log.info("Item {} of set {} is already done; skipping it", item.itemId(), id);
            return;
        }
        workspace.reset(index);
        Instant started = clock.instant();
        long fileCount;
        long bytes;
        BackupItemRunner.Result result;
        try (RunWorkspace.FileLog files = workspace.openFileLog(index)) {
            progress.started(setId, index, files);
            result = runner.run(item, new BackupItemRunner.Target(workspace.setDirectory(), serverPath(id),
                    earlierSet(item, id)), files);
            fileCount = files.fileCount();
            bytes = files.bytes();
        } catch (RuntimeException e) {
            String message = BackupItemException.describe(e);
            workspace.recordOutcome(index, new RunWorkspace.ItemOutcome(item.itemId(),
                    RunWorkspace.ItemOutcome.Status.FAILED, attempt, started, clock.instant(), message));
            throw new BackupItemException(item.itemId(), message, e);
        } finally {
            progress.finished(setId, index);
        }
        workspace.recordOutcome(index, new RunWorkspace.ItemOutcome(item.itemId(),
                RunWorkspace.ItemOutcome.Status.DONE, attempt, started, clock.instant(), null, fileCount, bytes,
                result.note(), result.linkedBy()));
    }

    /** The newest verified set's folder, for a file store item to hard-link unchanged files from; null: copy all. */
    private Path earlierSet(BackupItem item, SetId id) {
        if (!(item instanceof BackupItem.FileStoreTree) || !properties.filestore().reuse()) {
            return null;
        }
        return share.newestVerifiedSet().filter(earlier -> earlier.compareTo(id) < 0)
                .map(share::publishedDirectory).orElse(null);
    }

    /** Counts the items that are not done and says, per item, why. */
    public Assessment assess(String setId) {
        RunWorkspace workspace = workspace(parse(setId));
        List<BackupItem> items = workspace.plan().items();
        List<String> failures = new ArrayList<>();
        String unrecorded = null;
        for (int i = 0; i < items.size(); i++) {
            Optional<RunWorkspace.ItemOutcome> outcome = workspace.outcome(i);
            if (outcome.isEmpty()) {
                if (unrecorded == null) {
                    unrecorded = shareProblem(workspace.setDirectory()).map(p -> " (" + p + ")").orElse("");
                }
                failures.add(items.get(i).itemId() + ": no result was recorded" + unrecorded);
            } else if (!outcome.get().done()) {
                failures.add(items.get(i).itemId() + " (attempt " + outcome.get().attempt() + "): " + outcome.get().error());
            }
        }
        String summary = failures.isEmpty() ? null : summary(failures.size() + " of " + items.size()
                + " items failed after their retries:", failures);
        return new Assessment(items.size(), failures.size(), summary);
    }

    /**
     * Why an item's result may be missing: its failure is recorded on the share itself, so a share that is full or
     * no longer writable loses the failure too. A probe write says which it is, in the operator's summary.
     */
    private static Optional<String> shareProblem(Path setDirectory) {
        Path probe = setDirectory.resolve(".write-probe");
        try {
            Files.write(probe, new byte[8192]);
            Files.deleteIfExists(probe);
            return Optional.empty();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the probe is removed with the set
            }
            String free;
            try {
                free = ", " + Files.getFileStore(setDirectory).getUsableSpace() + " bytes free";
            } catch (IOException unknown) {
                free = "";
            }
            return Optional.of("the backup share cannot be written: " + e.getMessage()
                    + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                        && !String.valueOf(e.getMessage()).contains(f.getReason()) ? ": " + f.getReason() : "") + free);
        }
    }

    /** Writes {@code manifest.json} from the plan and the items' recorded files. */
    public void writeManifest(String setId) {
        SetId id = parse(setId);
        RunWorkspace workspace = workspace(id);
        RunWorkspace.StoredPlan plan = workspace.plan();
        Manifest.Header header = new Manifest.Header(Manifest.FORMAT_VERSION, id.toString(), plan.startedAt(),
                clock.instant(), plan.topologySha256());
        try (ManifestWriter writer = ManifestWriter.open(workspace.setDirectory().resolve(Manifest.FILE_NAME), header)) {
            for (int i = 0; i < plan.items().size(); i++) {
                BackupItem item = plan.items().get(i);
                RunWorkspace.ItemOutcome outcome = workspace.outcome(i).filter(RunWorkspace.ItemOutcome::done)
                        .orElseThrow(() -> new IllegalStateException("item " + item.itemId() + " is not done"));
                String tool = outcome.note() == null ? item.tool() : item.tool() + "; " + outcome.note();
                writer.beginItem(new Manifest.Item(item.itemId(), item.kind(), item.source(), tool,
                        outcome.startedAt(), outcome.finishedAt()));
                workspace.forEachFileEntry(i, writer::fileEntry);
                workspace.forEachSkipped(i, writer::skipped);
                writer.endItem();
            }
            for (BackupPlan.Exclusion excluded : plan.excluded()) {
                writer.excluded(new Manifest.Excluded(excluded.name(), excluded.source(), excluded.reason()));
            }
            writer.commit();
        } catch (UncheckedIOException e) {
            throw new BackupShareUnavailableException("cannot write the manifest of set " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Re-hashes every file against the manifest and checks every SQL Server backup with RESTORE VERIFYONLY.
     * Files hard-linked from the previous set pass by identity (the previous set's own file, unchanged since it was
     * linked), except every {@code lync.backup.verify.full-every} runs, when every file is re-hashed. The result is
     * recorded ({@link PassedVerification}). Items whose files do not verify are reset, so a retry takes them again.
     *
     * @throws BackupVerificationException naming every file that did not verify
     */
    public void verify(String setId) {
        SetId id = parse(setId);
        RunWorkspace workspace = workspace(id);
        RunWorkspace.StoredPlan plan = workspace.plan();
        RunVerification.Result verified = runVerification.verify(id, workspace);
        VerificationReport report = verified.report();
        Map<Integer, List<String>> problemsByItem = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>(report.problems());
        for (String problem : report.problems()) {
            itemOf(plan, problem).ifPresent(i -> problemsByItem.computeIfAbsent(i, k -> new ArrayList<>()).add(problem));
        }
        for (int i = 0; i < plan.items().size(); i++) {
            if (plan.items().get(i) instanceof BackupItem.SqlServerDatabase sql && !problemsByItem.containsKey(i)) {
                try {
                    sqlServer.verifyBackup(sql.store(), serverPath(id).resolve(sql.target()));
                } catch (SqlServerException e) {
                    String problem = sql.target() + ": RESTORE VERIFYONLY failed: " + e.getMessage();
                    problems.add(problem);
                    problemsByItem.computeIfAbsent(i, k -> new ArrayList<>()).add(problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            runVerification.markSetsSharingDamagedFiles(id, workspace.setDirectory(), report.problems());
            problemsByItem.keySet().forEach(workspace::reset);
            throw new BackupVerificationException(summary("Set " + id + " did not verify (" + problems.size()
                    + " problems); the items concerned will be taken again on retry:", problems));
        }
        runVerification.recordPassed(id, verified);
    }

    /** Publishes the set: working state removed, folder renamed, CURRENT moved. Safe to repeat. */
    public void publish(String setId) {
        SetId id = parse(setId);
        Path partial = share.partialDirectory(id);
        if (Files.isDirectory(partial, LinkOption.NOFOLLOW_LINKS)) {
            workspace(id).delete();
        }
        share.publish(id);
    }

    /** Applies retention; {@code activeRuns} are the set ids of backup runs that still exist in the engine. */
    public RetentionReport applyRetention(Set<String> activeRuns) {
        BackupProperties.Retention r = properties.retention();
        return share.applyRetention(new RetentionPolicy(r.keepSets(), r.maxAge(), r.partialGrace()), activeRuns,
                clock.instant());
    }

    /** Engine metrics reported before this instant are removed by the nightly retention step. */
    public Instant engineMetricsCutoff() {
        return clock.instant().minus(properties.retention().engineMetricsMaxAge());
    }

    /** Marks the run's set as abandoned: never published, removed by retention. */
    public void abandon(Optional<String> setId, String reason) {
        setId.map(this::parse).ifPresent(id -> {
            share.markAbandoned(id, reason);
            log.info("Backup set {} abandoned: {}", id, reason);
        });
    }

    private Optional<Integer> itemOf(RunWorkspace.StoredPlan plan, String problem) {
        for (int i = 0; i < plan.items().size(); i++) {
            String target = plan.items().get(i).target();
            if (problem.startsWith(target + ":") || problem.startsWith(target + "/")) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private ServerPath serverPath(SetId id) {
        return new ServerPath(properties.serverRoot(), id + BackupShare.PARTIAL_SUFFIX);
    }

    private RunWorkspace workspace(SetId id) {
        return new RunWorkspace(share.partialDirectory(id));
    }

    private SetId parse(String setId) {
        return SetId.parse(setId).orElseThrow(() -> new IllegalArgumentException("'" + setId + "' is not a backup set id"));
    }

    private static String summary(String headline, List<String> lines) {
        return ProblemSummary.of(headline, lines, SUMMARY_LIMIT, "");
    }
}
