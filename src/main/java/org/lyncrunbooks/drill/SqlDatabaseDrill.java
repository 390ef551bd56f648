package org.lyncrunbooks.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lyncrunbooks.sqlserver.ScratchDatabases;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drills one SQL Server backup as dbatools' {@code Test-DbaLastBackup} does: restore it under the scratch name with
 * every file moved and {@code CHECKSUM}, {@code DBCC CHECKDB} only when the restore succeeded, count the rows of its
 * tables, drop it whatever happened. A backup larger than {@code lync.drill.max-size} is only verified
 * ({@code RESTORE VERIFYONLY}) and the record says so.
 */
final class SqlDatabaseDrill {

    private static final Logger log = LoggerFactory.getLogger(SqlDatabaseDrill.class);
    private static final int ERRORS_IN_RESULT = 3;

    private final SqlServerClient sql;
    private final DrillProperties properties;
    private final Clock clock;

    SqlDatabaseDrill(SqlServerClient sql, DrillProperties properties, Clock clock) {
        this.sql = sql;
        this.properties = properties;
        this.clock = clock;
    }

    /** The instance and database a manifest item's source names: {@code fqdn\instance/database}. */
    record Source(SqlStoreRef instance, String database) {

        static Source parse(String source) {
            int slash = source == null ? -1 : source.lastIndexOf('/');
            int backslash = slash < 0 ? -1 : source.lastIndexOf('\\', slash);
            if (backslash <= 0 || slash == source.length() - 1) {
                throw new IllegalArgumentException("'" + source + "' does not name a database as fqdn\\instance/database");
            }
            return new Source(new SqlStoreRef(source.substring(0, backslash), source.substring(backslash + 1, slash)),
                    source.substring(slash + 1));
        }
    }

    /** Where the drill of {@code source} restores: the configured drill instance, or the database's own. */
    SqlStoreRef instanceFor(Source source) {
        return properties.drillInstance().orElse(source.instance());
    }

    DrillRecord.Item drill(DrillRecord.Item item, String backupFile) {
        Instant started = clock.instant();
        Source source = Source.parse(item.source());
        SqlStoreRef target = instanceFor(source);
        String scratch = ScratchDatabases.nameFor(source.database());
        String testTarget = target.display() + "/" + scratch;
        List<String> details = new ArrayList<>();
        if (properties.maxSize() != null && item.size() > properties.maxSize().toBytes()) {
            String limit = "the backup is " + item.size() + " bytes, larger than lync.drill.max-size ("
                    + properties.maxSize().toBytes() + " bytes)";
            try {
                sql.verifyBackup(target, backupFile);
            } catch (RuntimeException e) {
                details.add("RESTORE VERIFYONLY failed: " + e.getMessage());
                return result(item, testTarget, DrillRecord.Outcome.FAILED, "Failed: RESTORE VERIFYONLY: " + e.getMessage(),
                        "Not run: " + limit, started, null, null, Map.of(), details);
            }
            details.add("Not restored: " + limit + ". RESTORE VERIFYONLY passed; it checks the backup's checksums, "
                    + "not the structure of the data.");
            return result(item, target.display() + " (RESTORE VERIFYONLY)", DrillRecord.Outcome.VERIFIED_ONLY,
                    "Skipped: " + limit + "; verified only", "Skipped: verified only, DBCC CHECKDB not run", started,
                    null, null, Map.of(), details);
        }
        // a copy left by an attempt that died half-way is this drill's own: it goes first
        sql.dropScratchDatabase(target, scratch);
        Duration restoreElapsed = null;
        Duration checkElapsed = null;
        Map<String, Long> counts = Map.of();
        String restoreResult;
        String checkResult;
        DrillRecord.Outcome outcome;
        try {
            Instant restoreStart = clock.instant();
            List<SqlServerClient.FileMove> moves = ScratchDatabases.moves(sql.backupFiles(target, backupFile),
                    sql.defaultPaths(target), scratch);
            sql.restoreScratchCopy(target, scratch, backupFile, moves);
            restoreElapsed = Duration.between(restoreStart, clock.instant());
            restoreResult = "Success";
            details.add("RESTORE DATABASE [" + scratch + "] FROM DISK = '" + backupFile + "' WITH "
                    + String.join(", ", moves.stream().map(m -> "MOVE '" + m.logicalName() + "' TO '" + m.physicalName() + "'")
                    .toList()) + ", CHECKSUM: done in " + restoreElapsed);
            Instant checkStart = clock.instant();
            List<String> errors = sql.checkDatabase(target, scratch);
            checkElapsed = Duration.between(checkStart, clock.instant());
            if (errors.isEmpty()) {
                checkResult = "Success";
                outcome = DrillRecord.Outcome.PASSED;
                details.add("DBCC CHECKDB ([" + scratch + "]) WITH NO_INFOMSGS, ALL_ERRORMSGS: no errors, " + checkElapsed);
                counts = sql.rowCounts(target, scratch);
            } else {
                checkResult = "Failed: DBCC CHECKDB found errors in the restored copy of " + source.database() + ": "
                        + String.join(" ", errors.subList(0, Math.min(ERRORS_IN_RESULT, errors.size())))
                        + (errors.size() > ERRORS_IN_RESULT ? " … (" + errors.size() + " messages, all in the details)" : "");
                outcome = DrillRecord.Outcome.FAILED;
                details.add("DBCC CHECKDB ([" + scratch + "]) WITH NO_INFOMSGS, ALL_ERRORMSGS:");
                details.addAll(errors);
            }
        } catch (RuntimeException e) {
            outcome = DrillRecord.Outcome.FAILED;
            boolean restored = restoreElapsed != null;
            restoreResult = restored ? "Success" : "Failed: " + e.getMessage();
            checkResult = restored ? "Failed: " + e.getMessage() : "Not run: the restore failed";
            details.add((restored ? "check of " : "restore of ") + testTarget + " failed: " + e.getMessage());
        } finally {
            try {
                sql.dropScratchDatabase(target, scratch);
                details.add("DROP DATABASE [" + scratch + "] on " + target.display() + ": done");
            } catch (RuntimeException e) {
                log.warn("Drill of {} could not drop {} on {}: {}", item.item(), scratch, target.display(), e.getMessage());
                details.add("DROP DATABASE [" + scratch + "] on " + target.display() + " failed: " + e.getMessage()
                        + "; the next drill removes it");
            }
        }
        return result(item, testTarget, outcome, restoreResult, checkResult, started, restoreElapsed, checkElapsed,
                counts, details);
    }

    private DrillRecord.Item result(DrillRecord.Item item, String testTarget, DrillRecord.Outcome outcome,
                                    String restoreResult, String checkResult, Instant started, Duration restoreElapsed,
                                    Duration checkElapsed, Map<String, Long> counts, List<String> details) {
        Instant finished = clock.instant();
        return new DrillRecord.Item(item.item(), item.kind(), item.source(), testTarget, item.size(), item.backupFiles(),
                outcome, restoreResult, checkResult, started, finished, Duration.between(started, finished),
                restoreElapsed, checkElapsed, counts, String.join("\n", details));
    }
}
