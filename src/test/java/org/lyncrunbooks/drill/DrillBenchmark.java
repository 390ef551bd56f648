package org.lyncrunbooks.drill;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;

/**
 * The restore drill of a whole lab set for the benchmark ({@code bench/run}, section {@code drill}): the drill's own
 * service steps (prepare, every item, assess), without the engine, against what the backup cycle's verification does
 * (every file re-hashed against the manifest, {@code RESTORE VERIFYONLY} of every database backup) and against
 * {@code RESTORE VERIFYONLY} alone.
 */
public final class DrillBenchmark {

    private final DrillLab lab;
    private final String setId;
    private final DrillService service;

    private DrillBenchmark(Path dir, int usersPerPool, int filesPerStore) {
        this.lab = DrillLab.create(dir, DrillLab.engineWithHistory("drill-benchmark-" + System.nanoTime()), usersPerPool,
                filesPerStore);
        this.setId = lab.takeBackup();
        this.service = lab.service(new NoOtherDrill());
    }

    /** A lab farm of the given size with one published set. */
    public static DrillBenchmark create(Path dir, int usersPerPool, int filesPerStore) {
        return new DrillBenchmark(dir, usersPerPool, filesPerStore);
    }

    /**
     * One run's figures, in seconds.
     *
     * @param drill       the whole drill: prepare, every item, assess
     * @param sqlDrill    the SQL Server items of the drill (restore WITH MOVE, CHECKDB, row counts, drop)
     * @param verification the backup cycle's verification of the same set: re-hash of every file and VERIFYONLY
     * @param verifyOnly  RESTORE VERIFYONLY of every database backup of the set, alone
     * @param restore     the restore times the drill measured, added up (what a recovery's machine time is built from)
     * @param byKind      the drill's time per item kind
     */
    public record Run(double drill, double sqlDrill, double verification, double verifyOnly, double restore,
                      Map<String, Double> byKind, int items, long bytes, String outcome) {
    }

    public Run run() {
        long started = System.nanoTime();
        int items = service.prepare(setId, "benchmark");
        for (int i = 0; i < items; i++) {
            service.drillItem(setId, i);
        }
        DrillService.Outcome outcome = service.assess(setId);
        double drill = (System.nanoTime() - started) / 1e9;
        DrillRecord record = lab.records().require(setId);
        Map<String, Double> byKind = new LinkedHashMap<>();
        double restore = 0;
        long bytes = 0;
        for (DrillRecord.Item item : record.items()) {
            byKind.merge(item.kind(), item.elapsed().toNanos() / 1e9, Double::sum);
            restore += item.restoreElapsed() == null ? 0 : item.restoreElapsed().toNanos() / 1e9;
            bytes += item.size();
        }
        if (!outcome.passed()) {
            throw new IllegalStateException("the benchmark's drill failed: " + outcome.summary());
        }

        long verifyStarted = System.nanoTime();
        VerificationReport report = new SetVerifier(Runtime.getRuntime().availableProcessors())
                .verify(lab.root.resolve(setId), Set.of());
        if (!report.problems().isEmpty()) {
            throw new IllegalStateException("the set did not verify: " + report.problems());
        }
        double verifyOnly = verifyOnly(record);
        double verification = (System.nanoTime() - verifyStarted) / 1e9;
        return new Run(drill, byKind.getOrDefault("sqlserver-database", 0.0), verification, verifyOnly, restore, byKind,
                items, bytes, outcome.summary());
    }

    private double verifyOnly(DrillRecord record) {
        long started = System.nanoTime();
        for (DrillRecord.Item item : record.items()) {
            if (item.kind().equals("sqlserver-database")) {
                SqlDatabaseDrill.Source source = SqlDatabaseDrill.Source.parse(item.source());
                lab.sql.verifyBackup(source.instance(), lab.root.resolve(setId).resolve(item.backupFiles().get(0))
                        .toAbsolutePath().toString());
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The benchmark runs one drill at a time, outside the engine. */
    private static final class NoOtherDrill implements DrillRuns {
        @Override
        public Map<String, String> active() {
            return Map.of();
        }

        @Override
        public List<String> incidents(int limit) {
            return List.of();
        }

        @Override
        public long incidentCount() {
            return 0;
        }
    }
}
