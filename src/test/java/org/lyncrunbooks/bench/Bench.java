package org.lyncrunbooks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.lyncrunbooks.Application;
import org.lyncrunbooks.backup.BackupService;
import org.lyncrunbooks.backup.BackupSteps;
import org.lyncrunbooks.backup.ManyNights;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;
import org.lyncrunbooks.drill.DrillBenchmark;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.recovery.FileStoreRestoreStep;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.BackupPlanner;
import org.lyncrunbooks.topology.TopologyReader;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Benchmarks of the product's file store backup, verification and restore, the backup cycle's orchestration
 * overhead, the file store backup at scale and the engine database self-backup, each side by side with the plain
 * tools ({@code cp -a}, {@code sha256sum}, {@code sha256sum -c}, {@code pg_dump -Fc}) on the same generated data
 * in the same run. It calls the code the backup cycle and the recovery run ({@link BackupSteps},
 * {@link SetVerifier}, {@link FileStoreRestoreStep}, the real engine), never a copy of it.
 *
 * <p>Run it with {@code bench/run} (add {@code --quick} for small sizes while developing).
 */
public final class Bench {

    static final String STORE = "bench-fs";
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    /** Items each orchestration size runs through before it is measured (see {@code orchestration}). */
    private static final int WARM_UP_ITEMS = 200;

    /** How big and how often. */
    public record Options(Path work, Path out, int runs, int folders, int bigFiles, int bigSize, int smallFiles,
                          int smallSize, List<Integer> orchestrationItems, List<Integer> scaleFiles, int scaleRuns,
                          int pgRows, Set<String> sections, String note, boolean keep, ManyNights.Size nights) {

        static Options full(Path work) {
            return new Options(work, Path.of("docs/benchmarks.md"), 5, 40, 400, 2 << 20, 20_000, 4096,
                    List.of(10, 100, 1000), List.of(20_000, 200_000), 5, 400_000, ALL, "", false,
                    new ManyNights.Size(10, 20, 300, 40, 30, 100, 30, 14, 7));
        }

        static Options quick(Path work) {
            return new Options(work, null, 3, 8, 16, 1 << 20, 2_000, 4096, List.of(10, 30), List.of(1_000, 5_000), 1,
                    20_000, ALL, "", false, new ManyNights.Size(5, 4, 30, 6, 5, 10, 6, 3, 2));
        }

        /** Tiny sizes for the smoke test: checks that everything runs and agrees with the plain tools. */
        public static Options smoke(Path work) {
            return new Options(work, null, 1, 3, 3, 200_000, 60, 4096, List.of(10), List.of(100, 300), 1,
                    2_000, ALL, "", false, new ManyNights.Size(4, 3, 21, 3, 5, 10, 3, 2, 1));
        }

        public Options withSections(Set<String> chosen) {
            return new Options(work, out, runs, folders, bigFiles, bigSize, smallFiles, smallSize, orchestrationItems,
                    scaleFiles, scaleRuns, pgRows, chosen, note, keep, nights);
        }
    }

    static final Set<String> ALL = Set.of("filestore", "incremental", "orchestration", "scale", "nights", "selfbackup",
            "drill");

    /**
     * One line of the summary: our median, the plain tool's median, their ratio, the target and whether it holds;
     * {@code met} is null for a yardstick row, which has no target of its own.
     */
    public record Row(String what, String ours, String plain, double ratio, double pairedRatio, String target,
                      Boolean met) {

        String verdict() {
            return met == null ? "—" : met ? "yes" : "**no**";
        }
    }

    /** Everything one benchmark run found, and the checks that our outputs equal the plain tools'. */
    public record Results(List<Row> rows, List<String> details, List<String> checks, List<String> sections) {
    }

    private final Options options;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    public Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child-scale")) {
            childScale(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        quietLogging();
        Options options = parse(args);
        Results results = new Bench(options).run();
        String report = markdown(options, results);
        System.out.println();
        System.out.println(report);
        if (options.out() != null) {
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), report, StandardCharsets.UTF_8);
            System.out.println("Written to " + options.out());
        }
        System.exit(0);
    }

    /** Warnings and errors only: the benchmark prints its own progress, and the product's INFO lines would drown it. */
    static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Options parse(String[] args) {
        Path work = Path.of("target/bench-work");
        Options o = Options.full(work);
        List<String> list = Arrays.asList(args);
        if (list.contains("--quick")) {
            o = Options.quick(work);
        }
        Path out = o.out();
        int runs = o.runs();
        int scaleRuns = o.scaleRuns();
        Set<String> sections = o.sections();
        String note = "";
        boolean keep = false;
        List<Integer> items = o.orchestrationItems();
        List<Integer> scaleFiles = o.scaleFiles();
        ManyNights.Size nights = o.nights();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> { }
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--no-out" -> out = null;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--scale-runs" -> scaleRuns = Integer.parseInt(args[++i]);
                case "--only" -> sections = Set.of(args[++i].split(","));
                case "--note" -> note = args[++i];
                case "--keep" -> keep = true;
                case "--items" -> items = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--scale-files" -> scaleFiles = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--nights" -> {
                    int n = Integer.parseInt(args[++i]);
                    nights = new ManyNights.Size(nights.pools(), nights.sqlServers(), nights.databases(), nights.fileStores(),
                            nights.usersPerPool(), nights.filesPerStore(), n, nights.keepSets(), nights.historyDays());
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --quick, --work DIR, --out FILE, --no-out, --runs N, --scale-runs N, "
                        + "--only filestore,incremental,orchestration,scale,nights,selfbackup,drill, --items 10,100,1000, --scale-files 20000,200000, "
                        + "--nights N, --note TEXT, --keep");
            }
        }
        if (!ALL.containsAll(sections)) {
            throw new IllegalArgumentException("--only takes some of " + ALL + ", got " + sections);
        }
        return new Options(work.toAbsolutePath(), out, runs, o.folders(), o.bigFiles(), o.bigSize(), o.smallFiles(),
                o.smallSize(), items, scaleFiles, scaleRuns, o.pgRows(), sections, note, keep, nights);
    }

    public Results run() throws Exception {
        Path work = options.work();
        // A previous run's work folder is deleted at the end, not now: ext4 skips the inodes of files deleted in the
        // last minutes when it allocates new ones (recently_deleted() in ialloc.c), and creating 20,000 files right
        // after deleting 20,000 made `cp -a` of the same tree 3-7x slower (perf: 35 % of cp's time in that scan).
        Path previous = work.resolveSibling(work.getFileName() + ".previous");
        Tools.deleteTree(previous);
        if (Files.exists(work)) {
            Files.move(work, previous);
        }
        Files.createDirectories(work);
        try {
            if (options.sections().contains("filestore")) {
                fileStore(work.resolve("filestore"));
                writePartial();
            }
            if (options.sections().contains("incremental")) {
                new IncrementalNights(options, this).run(work.resolve("incremental"));
                writePartial();
            }
            if (options.sections().contains("scale")) {
                scale(work.resolve("scale"));
                writePartial();
            }
            if (options.sections().contains("nights")) {
                new NightsSection(options, this).run(work.resolve("nights"));
                writePartial();
            }
            if (options.sections().contains("selfbackup")) {
                selfBackup(work.resolve("selfbackup"));
                writePartial();
            }
            if (options.sections().contains("orchestration")) {
                orchestration(work.resolve("orchestration"));
                writePartial();
            }
            if (options.sections().contains("drill")) {
                drill(work.resolve("drill"));
                writePartial();
            }
        } finally {
            if (!options.keep()) {
                Tools.deleteTree(work);
            }
            Tools.deleteTree(previous);
        }
        return new Results(List.copyOf(rows), List.copyOf(details), List.copyOf(checks), List.copyOf(sections));
    }

    /** Writes what has been measured so far, so that a long run interrupted later still leaves its report. */
    private void writePartial() throws IOException {
        if (options.out() != null) {
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), markdown(options, new Results(rows, details, checks, sections)), StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- 1-3: file store backup, verify, restore

    private void fileStore(Path dir) throws IOException {
        Path source = dir.resolve("source");
        long bytes = TreeGenerator.generate(source, options.folders(), options.bigFiles(), options.bigSize(),
                options.smallFiles(), options.smallSize());
        int files = options.bigFiles() + options.smallFiles();
        progress("file store: generated %d files, %.1f MB in %d folders", files, bytes / 1e6, options.folders());
        Tools.sync();
        List<Double> cp = new ArrayList<>();
        List<Double> sha = new ArrayList<>();
        List<Double> shaCheck = new ArrayList<>();
        List<Double> cpRestore = new ArrayList<>();
        List<Double> backup = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        List<Double> restore = new ArrayList<>();
        List<Double> referenceCopy = new ArrayList<>();
        Tools.requireFreeSpace(dir, (options.runs() + 1) * 5L * bytes + (1L << 30),
                "the file store section keeps every run's copies until it ends (" + (options.runs() + 1) + " runs × 5 copies)");
        List<Path> outputs = new ArrayList<>();
        boolean cachesDropped = true;
        FileStoreRestorer restorer = new FileStoreRestorer(THREADS);
        SetVerifier verifier = new SetVerifier(THREADS);
        BackupItem.FileStoreTree item = (BackupItem.FileStoreTree) BackupSteps.fileStore(STORE, source);
        for (int run = 0; run <= options.runs(); run++) {
            boolean warmUp = run == 0;
            // Every run writes to folders of its own, kept until the section ends (see run()): no step creates
            // files right after another step deleted some.
            Path copy = dir.resolve("cp-copy-" + run);
            Path sums = dir.resolve("sums-" + run + ".txt");
            Path share = dir.resolve("share-" + run);
            Path restored = dir.resolve("restored-" + run);
            Path cpRestored = dir.resolve("cp-restored-" + run);
            Path reference = dir.resolve("reference-" + run);
            outputs.addAll(List.of(copy, sums, share, restored, cpRestored, reference));

            // Which side goes first alternates from run to run, and before every timed step the page cache is
            // dropped (where allowed) and that step's input read back in. On this kind of machine (a VM whose free
            // memory is handed back to the host) writing into memory that was handed back costs several times more
            // than into memory just freed, so without this the steps late in a run are slower whatever they are.
            boolean plainFirst = run % 2 == 0;
            Tools.Run cpRun = null;
            Tools.Run shaRun = null;
            double referenceSeconds = 0;
            if (plainFirst) {
                cachesDropped &= Tools.dropCachesAndWarm(source);
                cpRun = Tools.cpA(source, copy);
                cachesDropped &= Tools.dropCachesAndWarm(copy);
                shaRun = Tools.sha256sum(copy, sums);
                cachesDropped &= Tools.dropCachesAndWarm(source);
                referenceSeconds = reference(source, reference);
            }
            cachesDropped &= Tools.dropCachesAndWarm(source);
            BackupSteps steps = new BackupSteps(share, THREADS, null, null, "pg_dump");
            long started = System.nanoTime();
            String setId = steps.prepare(List.of(item));
            steps.runItem(setId, 0);
            steps.writeManifest(setId);
            long backupNanos = System.nanoTime() - started;
            if (!plainFirst) {
                cachesDropped &= Tools.dropCachesAndWarm(source);
                referenceSeconds = reference(source, reference);
                cachesDropped &= Tools.dropCachesAndWarm(source);
                cpRun = Tools.cpA(source, copy);
                cachesDropped &= Tools.dropCachesAndWarm(copy);
                shaRun = Tools.sha256sum(copy, sums);
            }
            Tools.Run checkRun = null;
            if (plainFirst) {
                cachesDropped &= Tools.dropCachesAndWarm(copy);
                checkRun = Tools.sha256sumCheck(copy, sums);
            }
            Path partial = steps.partialDirectory(setId);
            cachesDropped &= Tools.dropCachesAndWarm(partial);
            started = System.nanoTime();
            VerificationReport report = verifier.verify(partial, Set.of(".run"));
            long verifyNanos = System.nanoTime() - started;
            if (!report.ok()) {
                throw new IllegalStateException("the set did not verify: " + report.problems());
            }
            if (!plainFirst) {
                cachesDropped &= Tools.dropCachesAndWarm(copy);
                checkRun = Tools.sha256sumCheck(copy, sums);
            }
            Path published = steps.publish(setId);
            Tools.Run cpRestoreRun = null;
            if (plainFirst) {
                cachesDropped &= Tools.dropCachesAndWarm(published);
                cpRestoreRun = Tools.cpA(published.resolve(item.target()), cpRestored);
            }
            cachesDropped &= Tools.dropCachesAndWarm(published);
            started = System.nanoTime();
            FileStoreRestoreStep.restore(restorer, published, item, restored);
            long restoreNanos = System.nanoTime() - started;
            if (!plainFirst) {
                cachesDropped &= Tools.dropCachesAndWarm(published);
                cpRestoreRun = Tools.cpA(published.resolve(item.target()), cpRestored);
            }
            Tools.sync();

            if (warmUp) {
                check(published, sums, restored, files);
            } else {
                cp.add(cpRun.seconds());
                sha.add(shaRun.seconds());
                shaCheck.add(checkRun.seconds());
                backup.add(backupNanos / 1e9);
                verify.add(verifyNanos / 1e9);
                restore.add(restoreNanos / 1e9);
                cpRestore.add(cpRestoreRun.seconds());
                referenceCopy.add(referenceSeconds);
                progress("file store run %d (%s first): cp -a %.2fs, sha256sum %.2fs, reference %.2fs, backup %.2fs"
                                + " | sha256sum -c %.2fs, verify %.2fs | cp -a %.2fs, restore %.2fs", run,
                        plainFirst ? "plain tools" : "ours", cpRun.seconds(), shaRun.seconds(), referenceSeconds,
                        backupNanos / 1e9, checkRun.seconds(), verifyNanos / 1e9, cpRestoreRun.seconds(), restoreNanos / 1e9);
            }
            Tools.sync();
        }
        for (Path p : outputs) {
            Tools.deleteTree(p);
        }
        if (options.runs() == 0) {
            return;
        }
        List<Double> cpPlusSha = new ArrayList<>();
        for (int i = 0; i < cp.size(); i++) {
            cpPlusSha.add(cp.get(i) + sha.get(i));
        }
        ratioRow("File store backup (copy + SHA-256 + manifest) vs `cp -a` + `sha256sum`", backup, cpPlusSha, 0.4);
        ratioRow("File store backup vs `cp -a` alone", backup, cp, 0.75);
        ratioRow("Verification (re-hash against the manifest) vs `sha256sum -c`", verify, shaCheck, 0.3);
        ratioRow("File store restore (copy back with hash check) vs `cp -a`", restore, cpRestore, 0.75);
        yardstickRow("Yardstick: plain two-thread Java copy-and-hash (no manifest, times or checks) vs `cp -a`",
                referenceCopy, cp, "0.65 when the targets were set");
        yardstickRow("Yardstick: our file store backup vs that plain copy-and-hash (what our manifest, times and "
                + "checks cost)", backup, referenceCopy, "—");
        yardstickRow("Yardstick: re-hashing alone (our verification) vs `cp -a` — a floor for any copy that also hashes",
                verify, cp, "—");
        details.add(String.format(Locale.ROOT, "File store tree: %d files (%d × %d KiB, %d × %d KiB) in %d folders, %.1f MB; "
                        + "%d threads; medians of %d runs after one warm-up run, source in the page cache, `sync` between steps, "
                        + "every run into new folders (nothing deleted until the section ends)"
                        + (cachesDropped ? ", the page cache dropped and the step's input read back in before every timed step. "
                                : "; page cache not dropped between steps (not root). ")
                        + "Ours and the plain tools alternate which goes first from run to run. "
                        + "Raw seconds — cp -a %s; sha256sum %s; plain copy-and-hash %s; backup %s; sha256sum -c %s; verify %s; "
                        + "cp -a (restore) %s; restore %s.",
                files, options.bigFiles(), options.bigSize() / 1024, options.smallFiles(), options.smallSize() / 1024,
                options.folders(), bytes / 1e6, THREADS, cp.size(), list(cp), list(sha), list(referenceCopy), list(backup), list(shaCheck),
                list(verify), list(cpRestore), list(restore)));
        Tools.deleteTree(source);
    }

    /** Seconds the plain copy-and-hash yardstick took to copy {@code source} to {@code target}. */
    private static double reference(Path source, Path target) {
        long started = System.nanoTime();
        ReferenceCopy.copy(source, target, THREADS);
        return (System.nanoTime() - started) / 1e9;
    }

    /** Our manifest's digests equal sha256sum's; the restored tree's digests equal them too. */
    private void check(Path published, Path sums, Path restored, int files) {
        Map<String, String> expected = Tools.readSums(sums);
        Map<String, String> manifest = new java.util.TreeMap<>();
        ManifestReader.read(published.resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
            @Override
            public void file(String itemId, Manifest.File file) {
                manifest.put(file.path().substring(("filestore/" + STORE + "/").length()), file.sha256());
            }
        });
        require(expected.size() == files, "sha256sum listed " + expected.size() + " files, expected " + files);
        require(manifest.equals(expected), "the manifest's SHA-256s differ from sha256sum's");
        checks.add("manifest SHA-256 of " + manifest.size() + " files = sha256sum");
        Path restoredSums = restored.resolveSibling("restored-sums.txt");
        Tools.sha256sum(restored, restoredSums);
        require(Tools.readSums(restoredSums).equals(expected), "the restored tree's SHA-256s differ from the source's");
        Tools.deleteTree(restoredSums);
        checks.add("restored tree SHA-256 of " + files + " files = sha256sum of the source");
        Tools.Run diff = Tools.run(null, Map.of(), List.of("diff", "-r", "--no-dereference",
                published.resolve("filestore").resolve(STORE).toString(), restored.toString()));
        require(diff.output().isBlank(), "diff -r of the set and the restored tree: " + diff.output());
        checks.add("diff -r set tree = restored tree");
    }

    // ---------------------------------------------------------------- 5: scale

    private void scale(Path dir) throws IOException {
        List<String> cells = new ArrayList<>();
        Map<Integer, Double> rss = new LinkedHashMap<>();
        Map<Integer, Double> heap = new LinkedHashMap<>();
        for (int files : options.scaleFiles()) {
            Path source = dir.resolve("source-" + files);
            TreeGenerator.generate(source, 40, 0, 0, files, options.smallSize());
            Tools.sync();
            List<Double> backup = new ArrayList<>();
            List<Double> verify = new ArrayList<>();
            List<Double> rssKb = new ArrayList<>();
            List<Double> heapPeak = new ArrayList<>();
            for (int run = 0; run < Math.max(1, options.scaleRuns()); run++) {
                Path share = dir.resolve("share");
                String java = ProcessHandle.current().info().command().orElse("java");
                Tools.Run child = Tools.run(null, Map.of(), List.of("/usr/bin/time", "-v", java, "-cp",
                        System.getProperty("java.class.path"), Bench.class.getName(), "--child-scale", source.toString(),
                        share.toString()));
                Map<String, Double> found = parseChild(child.output());
                backup.add(found.get("backup"));
                verify.add(found.get("verify"));
                heapPeak.add(found.get("heap"));
                rssKb.add(found.get("rss"));
                progress("scale %d files run %d: backup %.2fs, verify %.2fs, max RSS %.0f MB, peak heap after GC %.0f MB",
                        files, run + 1, found.get("backup"), found.get("verify"), found.get("rss") / 1024,
                        found.get("heap") / 1e6);
                Tools.deleteTree(share);
                Tools.sync();
            }
            rss.put(files, median(rssKb) * 1024);
            heap.put(files, median(heapPeak));
            cells.add(String.format(Locale.ROOT, "%,d files: backup %.2f s (%.0f µs/file), verify %.2f s, max RSS %.0f MB, "
                            + "peak heap after GC %.1f MB", files, median(backup), median(backup) * 1e6 / files, median(verify),
                    median(rssKb) / 1024, median(heapPeak) / 1e6));
            Tools.deleteTree(source);
        }
        List<Integer> sizes = options.scaleFiles();
        int low = sizes.get(0);
        int high = sizes.get(sizes.size() - 1);
        double rssPerFile = (rss.get(high) - rss.get(low)) / (high - low);
        double heapPerFile = (heap.get(high) - heap.get(low)) / (high - low);
        rows.add(new Row(String.format(Locale.ROOT, "Peak memory growth per file, %,d → %,d files (max RSS; JVM heap after GC)",
                low, high), String.format(Locale.ROOT, "%.0f B; %.0f B", rssPerFile, heapPerFile), "—", Double.NaN,
                Double.NaN, "< 1024 B", rssPerFile < 1024 && heapPerFile < 1024));
        details.add("Scale (file store backup then verification of 4 KiB files in 40 folders, each run in its own JVM under "
                + "`/usr/bin/time -v`, medians of " + Math.max(1, options.scaleRuns()) + "): " + String.join("; ", cells) + ".");
    }

    private static Map<String, Double> parseChild(String output) {
        Map<String, Double> found = new LinkedHashMap<>();
        Matcher result = Pattern.compile("BENCH-RESULT backup=(\\S+) verify=(\\S+) heap=(\\S+)").matcher(output);
        Matcher rss = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(output);
        if (!result.find() || !rss.find()) {
            throw new IllegalStateException("the scale run printed no result: " + output);
        }
        found.put("backup", Double.parseDouble(result.group(1)));
        found.put("verify", Double.parseDouble(result.group(2)));
        found.put("heap", Double.parseDouble(result.group(3)));
        found.put("rss", Double.parseDouble(rss.group(1)));
        return found;
    }

    /** In a JVM of its own: the file store backup and the set verification of one tree, with the peak heap after GC. */
    private static void childScale(Path source, Path share) {
        quietLogging();
        AtomicLong peak = watchHeapAfterGc();
        BackupSteps steps = new BackupSteps(share, THREADS, null, null, "pg_dump");
        long started = System.nanoTime();
        String setId = steps.prepare(List.of(BackupSteps.fileStore(STORE, source)));
        steps.runItem(setId, 0);
        steps.writeManifest(setId);
        double backup = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        steps.verify(setId);
        double verify = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "BENCH-RESULT backup=%.4f verify=%.4f heap=%d%n", backup, verify, peak.get());
        System.out.flush();
        System.exit(0);
    }

    /** The largest heap left after any collection: what the process keeps, as opposed to what the collector has not yet freed. */
    private static AtomicLong watchHeapAfterGc() {
        AtomicLong peak = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (!pool.getKey().contains("Metaspace") && !pool.getKey().contains("Code")
                            && !pool.getKey().contains("Compressed")) {
                        used += pool.getValue().getUsed();
                    }
                }
                peak.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return peak;
    }

    // ---------------------------------------------------------------- 6: engine database self-backup

    private void selfBackup(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(true).start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bench_engine");
            }
            DataSource engine = postgres.getDatabase("postgres", "bench_engine");
            fillEngineDatabase(engine, options.pgRows());
            progress("self-backup: engine-like database with %d process instances", options.pgRows());
            Map<String, String> env = Map.of("PGHOST", "localhost", "PGPORT", Integer.toString(postgres.getPort()),
                    "PGUSER", "postgres", "PGDATABASE", "bench_engine");
            List<Double> plain = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            long dumpSize = 0;
            for (int run = 0; run <= options.runs(); run++) {
                Path plainFile = dir.resolve("plain.dump");
                Tools.Run plainRun = Tools.run(null, env, List.of("pg_dump", "--format=custom", "--no-password",
                        "--file=" + plainFile));
                Tools.sync();
                Path share = dir.resolve("share");
                BackupSteps steps = new BackupSteps(share, THREADS, engine, "postgres", "pg_dump");
                String setId = steps.prepare(List.of(BackupSteps.engineDatabase()));
                long started = System.nanoTime();
                steps.runItem(setId, 0);
                long oursNanos = System.nanoTime() - started;
                Path ourFile = steps.partialDirectory(setId).resolve("orchestrator/engine.dump");
                if (run == 0) {
                    require(Files.readString(ourFile, StandardCharsets.ISO_8859_1).startsWith("PGDMP"),
                            "our engine.dump is not a pg_dump custom-format archive");
                    String ourList = Tools.run(null, Map.of(), List.of("pg_restore", "--list", ourFile.toString())).output();
                    String plainList = Tools.run(null, Map.of(), List.of("pg_restore", "--list", plainFile.toString())).output();
                    require(tocEntries(ourList).equals(tocEntries(plainList)),
                            "pg_restore --list of our dump differs from plain pg_dump's");
                    checks.add("pg_restore --list of our engine.dump = plain pg_dump -Fc (" + tocEntries(ourList).size()
                            + " entries)");
                    dumpSize = Files.size(ourFile);
                } else {
                    plain.add(plainRun.seconds());
                    ours.add(oursNanos / 1e9);
                    progress("self-backup run %d: pg_dump -Fc %.2fs, ours %.2fs", run, plainRun.seconds(), oursNanos / 1e9);
                }
                Tools.deleteTree(share);
                Files.deleteIfExists(plainFile);
                Tools.sync();
            }
            if (options.runs() > 0) {
                ratioRow("Engine database self-backup (PostgreSQL) vs `pg_dump -Fc`", ours, plain, 1.05);
                details.add(String.format(Locale.ROOT, "Self-backup: embedded PostgreSQL %s, a database shaped like the "
                                + "engine's history (%d process instances, %d activity instances, %d variables), dump %.1f MB; "
                                + "ours = the backup item `orchestrator:engine` (pg_dump through `PgDump`, then SHA-256 and the "
                                + "item's file list). Raw seconds — pg_dump %s; ours %s.",
                        serverVersion(engine), options.pgRows(), options.pgRows() * 5L, options.pgRows() * 3L, dumpSize / 1e6,
                        list(plain), list(ours)));
            }
        }
    }

    private static List<String> tocEntries(String list) {
        return list.lines().filter(l -> !l.startsWith(";") && !l.isBlank())
                .map(l -> l.replaceFirst("^\\d+;\\s*", "")).sorted().toList();
    }

    private static String serverVersion(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static void fillEngineDatabase(DataSource ds, int instances) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE act_hi_procinst (id_ varchar(64) PRIMARY KEY, proc_def_key_ varchar(255), "
                    + "business_key_ varchar(255), start_time_ timestamp, end_time_ timestamp, state_ varchar(255))");
            s.execute("CREATE TABLE act_hi_actinst (id_ varchar(64) PRIMARY KEY, proc_inst_id_ varchar(64), act_id_ varchar(255), "
                    + "act_name_ varchar(255), assignee_ varchar(64), start_time_ timestamp, end_time_ timestamp, duration_ bigint)");
            s.execute("CREATE TABLE act_hi_varinst (id_ varchar(64) PRIMARY KEY, proc_inst_id_ varchar(64), name_ varchar(255), "
                    + "text_ varchar(4000), long_ bigint)");
            s.execute("INSERT INTO act_hi_procinst SELECT md5('p' || g), 'lync-backup-cycle', "
                    + "to_char(timestamp '2026-01-01' + g * interval '1 minute', 'YYYYMMDD\"T\"HH24MISS\"Z\"'), "
                    + "timestamp '2026-01-01' + g * interval '1 minute', timestamp '2026-01-01' + g * interval '1 minute' + interval '7 minutes', "
                    + "'COMPLETED' FROM generate_series(1, " + instances + ") g");
            s.execute("INSERT INTO act_hi_actinst SELECT md5('a' || g), md5('p' || (g / 5 + 1)), 'ServiceTask_' || (g % 5), "
                    + "'Back up item ' || (g % 5), CASE WHEN g % 7 = 0 THEN 'lab-operator' END, "
                    + "timestamp '2026-01-01' + g * interval '12 seconds', timestamp '2026-01-01' + g * interval '12 seconds' + interval '3 seconds', "
                    + "3000 + g % 1000 FROM generate_series(1, " + instances * 5L + ") g");
            s.execute("INSERT INTO act_hi_varinst SELECT md5('v' || g), md5('p' || (g / 3 + 1)), 'backupSetId', "
                    + "'filestore/lab-fs01/' || md5(g::text) || '.dat', g FROM generate_series(1, " + instances * 3L + ") g");
            s.execute("ANALYZE");
        }
    }

    // ---------------------------------------------------------------- 7: restore drill of the lab set

    /**
     * The restore drill of a whole lab set (the lab's default size in a full run: 150 users per pool, 300 files per
     * store), its own service steps without the engine, against the backup cycle's verification of the same set and
     * against RESTORE VERIFYONLY alone: what proving a set restorable costs beyond proving its bytes unchanged.
     */
    private void drill(Path dir) {
        int users = Math.max(12, Math.min(150, options.smallFiles() / 133));
        int files = 2 * users;
        DrillBenchmark lab = DrillBenchmark.create(dir, users, files);
        List<Double> drill = new ArrayList<>();
        List<Double> verification = new ArrayList<>();
        List<Double> sqlDrill = new ArrayList<>();
        List<Double> verifyOnly = new ArrayList<>();
        List<Double> restore = new ArrayList<>();
        DrillBenchmark.Run last = null;
        for (int run = 0; run <= Math.max(1, options.runs()); run++) {
            DrillBenchmark.Run r = lab.run();
            Tools.sync();
            if (run == 0) {
                continue; // warm-up: the first drill also loads the JDBC drivers and the XML parser
            }
            drill.add(r.drill());
            verification.add(r.verification());
            sqlDrill.add(r.sqlDrill());
            verifyOnly.add(r.verifyOnly());
            restore.add(r.restore());
            last = r;
            progress("drill run %d: drill %.2fs (SQL %.2fs), verification %.2fs (VERIFYONLY %.2fs)", run, r.drill(),
                    r.sqlDrill(), r.verification(), r.verifyOnly());
        }
        yardstickRow("Restore drill of the whole lab set (" + last.items() + " items restored and checked) vs the backup "
                + "cycle's verification of it (re-hash + `RESTORE VERIFYONLY`)", drill, verification,
                "— (what proving restorable costs)");
        yardstickRow("Drill of the SQL Server backups (RESTORE … WITH MOVE, DBCC CHECKDB, row counts, DROP) vs "
                + "`RESTORE VERIFYONLY` alone", sqlDrill, verifyOnly, "—");
        details.add(String.format(Locale.ROOT, "Restore drill: a lab farm of %d users per pool and %d files per store, one "
                        + "published set of %d items (%.1f MB); the drill's service steps called in a row without the engine "
                        + "(prepare, each item, assess), medians of %d runs after a warm-up run; machine time of the restores "
                        + "alone (what the recovery estimates add up) %.2f s; per kind in the last run: %s. On the lab, a SQL "
                        + "Server restore replays the backup's statements into H2, so its ratio to VERIFYONLY (a read and a "
                        + "checksum) is the lab's, not a real server's.", users, files, last.items(), last.bytes() / 1e6,
                drill.size(), median(restore), last.byKind().entrySet().stream().map(e -> String.format(Locale.ROOT,
                        "%s %.2f s", e.getKey(), e.getValue())).toList()));
        checks.add("restore drill of the lab set: " + last.outcome());
    }

    // ---------------------------------------------------------------- 4: orchestration overhead

    private void orchestration(Path dir) throws Exception {
        Path labDir = dir.resolve("lab");
        LabFarm farm = new LabFarm(new LabProperties(labDir, 0, 20, 60, null));
        Path topologyFile = farm.topologyFile();
        Map<String, Object> lab = new Yaml().load(Files.readString(topologyFile, StandardCharsets.UTF_8));
        int baseItems = BackupPlanner.plan(TopologyReader.read(writeTopology(topologyFile, lab, dir, 0))).items().size();
        Map<Integer, Double> overhead = new LinkedHashMap<>();
        List<String> cells = new ArrayList<>();
        for (int items : options.orchestrationItems()) {
            if (items < baseItems) {
                throw new IllegalArgumentException("the smallest lab plan has " + baseItems + " items; cannot run " + items);
            }
            writeTopology(topologyFile, lab, dir, items - baseItems);
            int planned = BackupPlanner.plan(TopologyReader.read(topologyFile)).items().size();
            require(planned == items, "the plan has " + planned + " items, expected " + items);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("server.port", "0");
            properties.put("server.address", "127.0.0.1");
            properties.put("lync.lab.directory", labDir.toString());
            properties.put("lync.lab.users-per-pool", "20");
            properties.put("lync.lab.files-per-store", "60");
            properties.put("lync.backup.root", dir.resolve("backups-" + items).toString());
            properties.put("lync.backup.worker.threads", "1");
            properties.put("lync.backup.item.retries", "1");
            properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("engine-" + items + "/engine")
                    + ";DB_CLOSE_ON_EXIT=FALSE");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.org.lyncrunbooks", "WARN");
            properties.put("spring.main.banner-mode", "off");
            List<Double> engine = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class).run(arguments)) {
                RuntimeService runtime = app.getBean(RuntimeService.class);
                HistoryService history = app.getBean(HistoryService.class);
                BackupService service = app.getBean(BackupService.class);
                Path root = dir.resolve("backups-" + items);
                // Warm-up: the per-item overhead of a node that runs nightly is that of a warm JVM, so each size first
                // runs until the JIT has seen at least WARM_UP_ITEMS items (one run for the large sizes, more for 10).
                int warmUps = options.runs() == 0 ? 1 : Math.max(1, (WARM_UP_ITEMS + items - 1) / items);
                for (int run = 1 - warmUps; run <= options.runs(); run++) {
                    double e = engineRun(runtime, history, root);
                    Tools.sync();
                    double d = directRun(service, root);
                    Tools.sync();
                    if (run > 0) {
                        engine.add(e);
                        direct.add(d);
                        progress("orchestration %d items run %d: engine %.2fs, the same steps without the engine %.2fs",
                                items, run, e, d);
                    }
                }
            }
            if (options.runs() == 0) {
                continue;
            }
            double perItemMs = (median(engine) - median(direct)) * 1000 / items;
            overhead.put(items, median(engine) - median(direct));
            cells.add(String.format(Locale.ROOT, "%d items: engine %.2f s, without the engine %.2f s, overhead %.1f ms/item",
                    items, median(engine), median(direct), perItemMs));
        }
        if (overhead.isEmpty()) {
            return;
        }
        List<Integer> ns = new ArrayList<>(overhead.keySet());
        double worst = 0;
        for (int n : ns) {
            worst = Math.max(worst, overhead.get(n) * 1000 / n);
        }
        // growth: the marginal cost per item between consecutive sizes; linear growth keeps it flat, quadratic growth
        // makes it rise with the size
        List<String> marginals = new ArrayList<>();
        List<Double> marginal = new ArrayList<>();
        for (int i = 1; i < ns.size(); i++) {
            double m = (overhead.get(ns.get(i)) - overhead.get(ns.get(i - 1))) * 1000 / (ns.get(i) - ns.get(i - 1));
            marginal.add(m);
            marginals.add(String.format(Locale.ROOT, "%d→%d: %.1f ms/item", ns.get(i - 1), ns.get(i), m));
        }
        boolean linear = marginal.size() < 2 || marginal.get(marginal.size() - 1) <= Math.max(2 * marginal.get(0), marginal.get(0) + 2);
        double last = marginal.isEmpty() ? worst : marginal.get(marginal.size() - 1);
        rows.add(new Row("Orchestration overhead per item (lab backup cycle on the real engine, " + ns + " items)",
                String.format(Locale.ROOT, "%.1f ms/item worst; marginal %s", worst, String.join(", ", marginals)), "—",
                Double.NaN, Double.NaN, "≤ 20 ms/item, linear", worst <= 20 && last <= 20 && linear));
        details.add("Orchestration: the lab backup cycle (`lync-backup-cycle`) started through the engine and waited for "
                + "until it ended published, against the very same service steps called in a row without the engine "
                + "(prepare, each item, manifest, verify, publish, retention); one item worker thread for both; the items "
                + "beyond the lab's own are file stores of one 4 KiB file; H2 file database; medians of " + options.runs()
                + " runs after warm-up runs of at least " + WARM_UP_ITEMS + " items per size (so the JVM is as warm as a node "
                + "that backs up nightly). " + String.join("; ", cells) + ".");
    }

    private static double engineRun(RuntimeService runtime, HistoryService history, Path root) throws Exception {
        long started = System.nanoTime();
        String id = runtime.startProcessInstanceByKey("lync-backup-cycle").getId();
        HistoricProcessInstance done;
        while ((done = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult()).getEndTime() == null) {
            if (System.nanoTime() - started > 3_600_000_000_000L) {
                throw new IllegalStateException("the backup run " + id + " did not end within an hour");
            }
            Thread.sleep(20);
        }
        double seconds = (done.getEndTime().getTime() - done.getStartTime().getTime()) / 1000.0;
        String current = Files.readString(root.resolve("CURRENT"), StandardCharsets.UTF_8).strip();
        require(current.equals(done.getBusinessKey()), "the run " + done.getBusinessKey() + " ended without being published "
                + "(CURRENT names " + current + ")");
        // the engine's own start and end times, so the polling of this loop does not count
        return Math.max(seconds, 0.001);
    }

    private static double directRun(BackupService service, Path root) {
        long started = System.nanoTime();
        BackupService.PreparedRun run = service.prepare(Optional.empty());
        for (int i = 0; i < run.itemCount(); i++) {
            service.runItem(run.setId(), i, 1);
        }
        service.writeManifest(run.setId());
        service.verify(run.setId());
        service.publish(run.setId());
        service.applyRetention(Set.of());
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * The lab farm's topology ({@code lab}, as the lab generated it) with its Front End and Standard Edition pools and
     * their Back Ends only — no Edge, Persistent Chat or Archiving/Monitoring — plus {@code extra} small file stores.
     */
    @SuppressWarnings("unchecked")
    private static Path writeTopology(Path file, Map<String, Object> lab, Path dir, int extra) throws IOException {
        Map<String, Object> topology = new LinkedHashMap<>(lab);
        List<Map<String, Object>> sites = new ArrayList<>();
        List<String> backEnds = new ArrayList<>();
        for (Map<String, Object> site : (List<Map<String, Object>>) lab.get("sites")) {
            List<Map<String, Object>> pools = ((List<Map<String, Object>>) site.get("pools")).stream()
                    .filter(pool -> List.of("enterprise", "standard").contains(pool.get("kind"))).toList();
            pools.forEach(pool -> backEnds.add((String) pool.get("backEnd")));
            Map<String, Object> kept = new LinkedHashMap<>(site);
            kept.put("pools", pools);
            sites.add(kept);
        }
        topology.put("sites", sites);
        topology.put("sqlStores", ((List<Map<String, Object>>) lab.get("sqlStores")).stream()
                .filter(store -> backEnds.contains(store.get("fqdn") + "\\" + store.get("instance"))).toList());
        List<Map<String, Object>> stores = new ArrayList<>((List<Map<String, Object>>) lab.get("fileStores"));
        for (int i = 1; i <= extra; i++) {
            String name = String.format("bench-fs%04d", i);
            Path mount = dir.resolve("stores").resolve(name);
            if (!Files.isDirectory(mount)) {
                Files.createDirectories(mount);
                Files.write(mount.resolve("meeting-content.dat"), new byte[4096]);
            }
            Map<String, Object> store = new LinkedHashMap<>();
            store.put("name", name);
            store.put("unc", "\\\\fs" + i + ".lab.contoso.local\\lyncshare");
            store.put("mountPath", mount.toString());
            stores.add(store);
        }
        topology.put("fileStores", stores);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(file, new Yaml(options).dump(topology), StandardCharsets.UTF_8);
        return file;
    }

    // ---------------------------------------------------------------- report

    /**
     * The ratio of the medians, and the median of each run's own ratio: on a machine whose load drifts, a run's two
     * sides ran close together, so the paired figure is the steadier one. The target is judged on the ratio of
     * the medians.
     */
    void ratioRow(String what, List<Double> ours, List<Double> plain, double target) {
        double ratio = median(ours) / median(plain);
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            paired.add(ours.get(i) / plain.get(i));
        }
        rows.add(new Row(what, seconds(median(ours)), seconds(median(plain)), ratio, median(paired), "≤ " + target,
                ratio <= target));
    }

    void addRow(Row row) {
        rows.add(row);
    }

    void addDetail(String detail) {
        details.add(detail);
    }

    void addCheck(String check) {
        checks.add(check);
    }

    /** A section of its own in the report (a heading and a table), after how things were measured. */
    void addSection(String markdown) {
        sections.add(markdown);
    }

    /** A ratio shown for context, with no target of its own. */
    void yardstickRow(String what, List<Double> ours, List<Double> plain, String note) {
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            paired.add(ours.get(i) / plain.get(i));
        }
        rows.add(new Row(what, seconds(median(ours)), seconds(median(plain)), median(ours) / median(plain),
                median(paired), note, null));
    }

    /** The hand-written part of an existing report (from {@code ## Analysis} on), which a new run keeps. */
    static String analysis(Path out) {
        try {
            if (out == null || !Files.exists(out)) {
                return "";
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            int at = text.indexOf("\n## Analysis");
            return at < 0 ? "" : text.substring(at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(Options options, Results results) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Generated by `bench/run` on ").append(DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC)))
                .append(". Every figure is a median; ratios are ours ÷ the plain tool's, measured in the same run on the same data.\n\n");
        if (!options.note().isBlank()) {
            md.append("> ").append(options.note()).append("\n\n");
        }
        md.append("## Machine\n\n").append(Machine.describe(options.work())).append("\n");
        md.append("## Results\n\n| measurement | ours | plain tool | ratio | median of per-run ratios | target | met |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Row row : results.rows()) {
            md.append("| ").append(row.what()).append(" | ").append(row.ours()).append(" | ").append(row.plain()).append(" | ")
                    .append(Double.isNaN(row.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", row.ratio()))
                    .append(" | ")
                    .append(Double.isNaN(row.pairedRatio()) ? "—" : String.format(Locale.ROOT, "%.2f", row.pairedRatio()))
                    .append(" | ").append(row.target()).append(" | ").append(row.verdict()).append(" |\n");
        }
        md.append("\n## How it was measured\n\n");
        for (String detail : results.details()) {
            md.append("- ").append(detail).append("\n");
        }
        for (String section : results.sections()) {
            md.append("\n").append(section.strip()).append("\n");
        }
        md.append("\n## Our outputs equal the plain tools'\n\n");
        for (String check : results.checks()) {
            md.append("- ").append(check).append("\n");
        }
        return md.append(analysis(options.out())).toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    static String list(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList().toString();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.out.flush();
    }
}
