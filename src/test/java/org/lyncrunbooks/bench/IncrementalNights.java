package org.lyncrunbooks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.lyncrunbooks.backup.BackupSteps;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.recovery.FileStoreRestoreStep;
import org.lyncrunbooks.topology.BackupItem;

/**
 * The nights after the first: the same file store tree backed up again with 1 % of its files rewritten (night 2)
 * and with nothing changed (night 3), by our backup plus its verification (incremental: unchanged files hard-linked
 * from the previous set and checked by identity) against {@code rsync -a --link-dest} and restic's next backup, in
 * the same run on the same data, alternating which side goes first, with the page cache dropped and each tool's
 * input read back in before every timed step. Also: how much the share grows on night 2 against the bytes that
 * changed ({@code du}), and that the night-2 set restores byte for byte.
 */
final class IncrementalNights {

    private static final String RESTIC_PASSWORD = "bench-only-not-a-secret";
    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    private final Bench.Options options;
    private final Bench bench;

    IncrementalNights(Bench.Options options, Bench bench) {
        this.options = options;
        this.bench = bench;
    }

    /** The measurements of one night, per tool (seconds), by run. */
    private static final class Night {
        final List<Double> ours = new ArrayList<>();
        final List<Double> oursBackup = new ArrayList<>();
        final List<Double> oursVerify = new ArrayList<>();
        final List<Double> rsync = new ArrayList<>();
        final List<Double> restic = new ArrayList<>();
    }

    void run(Path dir) throws IOException {
        Path pristine = dir.resolve("pristine");
        long bytes = TreeGenerator.generate(pristine, options.folders(), options.bigFiles(), options.bigSize(),
                options.smallFiles(), options.smallSize());
        int files = options.bigFiles() + options.smallFiles();
        Bench.progress("incremental: generated %d files, %.1f MB", files, bytes / 1e6);
        Tools.requireFreeSpace(dir, (options.runs() + 1) * 4L * bytes + (1L << 30),
                "the incremental section keeps every run's source, sets, snapshots and repository until it ends");
        Night night2 = new Night();
        Night night3 = new Night();
        List<Double> growthOurs = new ArrayList<>();
        List<Double> growthRsync = new ArrayList<>();
        List<Double> growthRestic = new ArrayList<>();
        List<Double> changedBytes = new ArrayList<>();
        List<Double> manifestBytes = new ArrayList<>();
        List<Double> fullPass = new ArrayList<>();
        FileStoreRestorer restorer = new FileStoreRestorer(THREADS);
        boolean cachesDropped = true;
        for (int run = 0; run <= options.runs(); run++) {
            boolean warmUp = run == 0;
            Path source = dir.resolve("source-" + run);
            Tools.cpA(pristine, source);
            Path share = dir.resolve("share-" + run);
            Path snapshots = dir.resolve("rsync-" + run);
            Path repository = dir.resolve("restic-" + run);
            Map<String, String> restic = Map.of("RESTIC_PASSWORD", RESTIC_PASSWORD, "RESTIC_CACHE_DIR",
                    dir.resolve("restic-cache-" + run).toString());
            BackupItem.FileStoreTree item = (BackupItem.FileStoreTree) BackupSteps.fileStore(Bench.STORE, source);
            BackupSteps steps = new BackupSteps(share, THREADS, null, null, "pg_dump");

            // night 1: a full copy by every tool, not timed
            Files.createDirectories(snapshots);
            ours(steps, item);
            String firstSet = lastSet;
            Tools.run(null, Map.of(), List.of("rsync", "-a", source + "/", snapshots.resolve("night1") + "/"));
            Tools.run(null, restic, List.of("restic", "init", "--repo", repository.toString(), "--quiet"));
            Tools.run(null, restic, List.of("restic", "--repo", repository.toString(), "backup", "--quiet", source.toString()));
            Tools.sync();

            long changed = rewriteOnePercent(source, run);
            long shareBefore = du(share);
            long rsyncBefore = du(snapshots);
            long resticBefore = du(repository);
            boolean plainFirst = run % 2 == 0;
            for (int night = 2; night <= 3; night++) {
                Night measured = night == 2 ? night2 : night3;
                Path previousSet = share.resolve(lastSet);
                Path previousSnapshot = snapshots.resolve("night" + (night - 1));
                double[] oursSeconds = null;
                double rsyncSeconds = 0;
                double resticSeconds = 0;
                for (int side = 0; side < 2; side++) {
                    boolean plainNow = (side == 0) == plainFirst;
                    if (plainNow) {
                        cachesDropped &= Tools.dropCachesAndWarm(source, previousSnapshot);
                        rsyncSeconds = Tools.run(null, Map.of(), List.of("rsync", "-a", "--link-dest=" + previousSnapshot,
                                source + "/", snapshots.resolve("night" + night) + "/")).seconds();
                        cachesDropped &= Tools.dropCachesAndWarm(source, repository, dir.resolve("restic-cache-" + run));
                        resticSeconds = Tools.run(null, restic, List.of("restic", "--repo", repository.toString(), "backup",
                                "--quiet", source.toString())).seconds();
                    } else {
                        cachesDropped &= Tools.dropCachesAndWarm(source, previousSet);
                        oursSeconds = ours(steps, item);
                    }
                }
                Tools.sync();
                if (night == 2) {
                    growthOurs.add((double) (du(share) - shareBefore));
                    growthRsync.add((double) (du(snapshots) - rsyncBefore));
                    growthRestic.add((double) (du(repository) - resticBefore));
                    changedBytes.add((double) changed);
                    manifestBytes.add((double) Files.size(share.resolve(lastSet).resolve("manifest.json")));
                    if (warmUp) {
                        check(restorer, share.resolve(lastSet), item, source, dir.resolve("restored-" + run), files);
                    }
                }
                if (!warmUp) {
                    measured.ours.add(oursSeconds[0] + oursSeconds[1]);
                    measured.oursBackup.add(oursSeconds[0]);
                    measured.oursVerify.add(oursSeconds[1]);
                    measured.rsync.add(rsyncSeconds);
                    measured.restic.add(resticSeconds);
                    Bench.progress("incremental run %d night %d (%s first): ours %.3fs (backup %.3fs + verify %.3fs), "
                                    + "rsync --link-dest %.3fs, restic %.3fs", run, night, plainFirst ? "plain tools" : "ours",
                            oursSeconds[0] + oursSeconds[1], oursSeconds[0], oursSeconds[1], rsyncSeconds, resticSeconds);
                }
            }
            if (!warmUp) {
                cachesDropped &= Tools.dropCachesAndWarm(share.resolve(lastSet));
                long started = System.nanoTime();
                new org.lyncrunbooks.backupset.SetVerifier(THREADS).verify(share.resolve(lastSet), java.util.Set.of());
                fullPass.add((System.nanoTime() - started) / 1e9);
            }
            require(firstSet != null, "night 1 published no set");
        }
        if (options.runs() == 0) {
            return;
        }
        bench.ratioRow("Night 2 (1 % of files rewritten): file store backup + verification vs `rsync -a --link-dest`",
                night2.ours, night2.rsync, 0.3);
        bench.ratioRow("Night 2: file store backup + verification vs restic's next backup", night2.ours, night2.restic, 0.3);
        bench.ratioRow("Night 3 (nothing changed): file store backup + verification vs `rsync -a --link-dest`",
                night3.ours, night3.rsync, 0.3);
        bench.ratioRow("Night 3: file store backup + verification vs restic's next backup", night3.ours, night3.restic, 0.3);
        double changed = Bench.median(changedBytes);
        double manifest = Bench.median(manifestBytes);
        double grown = Bench.median(growthOurs);
        // The share may grow by the changed files, the new tree's folders (what rsync's snapshot adds beyond the changed
        // files: the same folders), the manifest, and a few blocks for the set's own folders and its record.
        double allowed = Bench.median(growthRsync) + manifest + 32 * 1024;
        bench.addRow(new Bench.Row("Share growth on night 2 (`du`) vs the bytes rewritten (ours; rsync; restic)",
                String.format(Locale.ROOT, "%s; %s; %s", mb(grown), mb(Bench.median(growthRsync)),
                        mb(Bench.median(growthRestic))), mb(changed), grown / changed, Double.NaN,
                "changed bytes + the new tree's folders (as rsync's) + manifest (" + mb(manifest) + ")",
                grown <= allowed));
        bench.yardstickRow("Yardstick: a full-pass verification (every file re-hashed, every 7th night and every "
                + "recovery) vs night 3's backup + verification", fullPass, night3.ours, "—");
        bench.addDetail(String.format(Locale.ROOT, "Incremental nights: the file store tree of the file store section "
                        + "(%d files, %.1f MB), copied afresh for each run; night 1 (not timed) a full backup by each tool "
                        + "(our set, `rsync -a`, `restic init` + `restic backup`); night 2 rewrites %d files (1 %%, every "
                        + "100th by path, same sizes, new content: %s) and is backed up by each tool against its night 1; "
                        + "night 3 changes nothing. Ours = prepare + the file store item + manifest (backup) and the run's "
                        + "verification (incremental: files hard-linked from the previous set checked by identity, "
                        + "rewritten files re-hashed); rsync 3 `rsync -a --link-dest=<previous snapshot>`; restic %s "
                        + "`restic backup` with its cache; medians of %d runs after one warm-up run, %s; ours and the "
                        + "plain tools alternate which goes first. Raw seconds — night 2: ours %s (backup %s, verify %s), "
                        + "rsync %s, restic %s; night 3: ours %s (backup %s, verify %s), rsync %s, restic %s; full-pass "
                        + "verification of the night-3 set %s. Share growth on night 2 (`du -sB1`, bytes): ours %s, rsync %s, "
                        + "restic %s, for %s rewritten (our manifest alone: %s).",
                files, bytes / 1e6, files / 100, mb(changed), Tools.firstLine(List.of("restic", "version")),
                night2.ours.size(), cachesDropped ? "the page cache dropped and each tool's input (the source and its "
                        + "previous backup) read back in before every timed step" : "page cache not dropped (not root)",
                Bench.list(night2.ours), Bench.list(night2.oursBackup), Bench.list(night2.oursVerify),
                Bench.list(night2.rsync), Bench.list(night2.restic), Bench.list(night3.ours),
                Bench.list(night3.oursBackup), Bench.list(night3.oursVerify), Bench.list(night3.rsync),
                Bench.list(night3.restic), Bench.list(fullPass), bytesList(growthOurs), bytesList(growthRsync),
                bytesList(growthRestic), mb(changed), mb(manifest)));
    }

    /** The id of the set our last night published. */
    private String lastSet;

    /** Our night: backup (prepare, item, manifest), then the run's verification, then publication (not timed). */
    private double[] ours(BackupSteps steps, BackupItem.FileStoreTree item) {
        long started = System.nanoTime();
        String setId = steps.prepare(List.of(item));
        steps.runItem(setId, 0);
        steps.writeManifest(setId);
        long backup = System.nanoTime() - started;
        started = System.nanoTime();
        steps.verify(setId);
        long verify = System.nanoTime() - started;
        steps.publish(setId);
        lastSet = setId;
        return new double[]{backup / 1e9, verify / 1e9};
    }

    /** Rewrites every 100th file (by path) with new content of the same size; returns the bytes rewritten. */
    private static long rewriteOnePercent(Path source, int run) {
        List<Path> all = Tools.files(source).stream().sorted().toList();
        SplittableRandom random = new SplittableRandom(4242 + run);
        long bytes = 0;
        try {
            for (int i = 0; i < all.size(); i += 100) {
                Path file = all.get(i);
                byte[] content = new byte[(int) Files.size(file)];
                random.nextBytes(content);
                Files.write(file, content);
                bytes += content.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    /** The night-2 set restores byte for byte and equals the source, and the set's tree is the source's. */
    private void check(FileStoreRestorer restorer, Path set, BackupItem.FileStoreTree item, Path source, Path restored,
                       int files) {
        FileStoreRestoreStep.restore(restorer, set, item, restored);
        Path sourceSums = restored.resolveSibling("incremental-source-sums.txt");
        Path restoredSums = restored.resolveSibling("incremental-restored-sums.txt");
        Tools.sha256sum(source, sourceSums);
        Tools.sha256sum(restored, restoredSums);
        Map<String, String> expected = Tools.readSums(sourceSums);
        require(expected.size() == files, "sha256sum listed " + expected.size() + " files, expected " + files);
        require(Tools.readSums(restoredSums).equals(expected), "the restored night-2 set differs from the source");
        bench.addCheck("restored night-2 (incremental) set SHA-256 of " + files + " files = sha256sum of the source");
        Tools.Run diff = Tools.run(null, Map.of(), List.of("diff", "-r", "--no-dereference",
                set.resolve(item.target()).toString(), source.toString()));
        require(diff.output().isBlank(), "diff -r of the night-2 set and the source: " + diff.output());
        bench.addCheck("diff -r night-2 set tree = source tree (unchanged files hard links to night 1)");
        Tools.deleteTree(sourceSums);
        Tools.deleteTree(restoredSums);
    }

    /** Bytes used on disk under {@code path}, each hard-linked file counted once ({@code du -sB1}). */
    static long du(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        String out = Tools.run(null, Map.of(), List.of("du", "-sB1", path.toString())).output().strip();
        return Long.parseLong(out.substring(0, out.indexOf('\t')));
    }

    private static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String bytesList(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
