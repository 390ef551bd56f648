package org.lyncrunbooks.drill;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drills one item by its kind: SQL Server backup, export, file store tree or the engine database. */
final class ItemDrills {

    private static final Logger log = LoggerFactory.getLogger(ItemDrills.class);

    private final SqlDatabaseDrill sqlDatabases;
    private final ExportDrill exports;
    private final FileStoreDrill fileStores;
    private final EngineDatabaseDrill engineDatabase;
    private final String serverRoot;
    private final Clock clock;

    /**
     * @param serverRoot the backup root as the SQL Server instances see it ({@code lync.backup.root-unc}, or the local
     *                   root when that is empty)
     */
    ItemDrills(SqlDatabaseDrill sqlDatabases, ExportDrill exports, FileStoreDrill fileStores,
               EngineDatabaseDrill engineDatabase, String serverRoot, Clock clock) {
        this.sqlDatabases = sqlDatabases;
        this.exports = exports;
        this.fileStores = fileStores;
        this.engineDatabase = engineDatabase;
        this.serverRoot = serverRoot;
        this.clock = clock;
    }

    DrillRecord.Item drill(DrillRecord.Item item, String setId, Path setDirectory, Optional<ExportDrill.Previous> previous) {
        String kind = item.kind();
        if (ExportInspector.Kind.of(kind).isPresent()) {
            return exports.drill(item, setDirectory.resolve(onlyFile(item)), previous);
        }
        return switch (kind) {
            case "sqlserver-database" -> sqlDatabases.drill(item, serverPath(setId + "/" + onlyFile(item)));
            case "file-store" -> fileStores.drill(item, setId, setDirectory);
            case "orchestrator-database" -> engineDatabase.drill(item, setId, setDirectory.resolve(onlyFile(item)),
                    serverPath(setId + "/" + onlyFile(item)));
            default -> skipped(item, "the drill has no restore for items of kind " + kind);
        };
    }

    /** What drills of the engine database left behind on its database server, removed; one line each. */
    List<String> removeEngineLeftovers() {
        List<String> notes = new ArrayList<>();
        try {
            for (String leftover : engineDatabase.removeLeftovers()) {
                notes.add("removed scratch database " + leftover + " left beside the engine database by a drill that "
                        + "did not finish");
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for the drill's leftovers beside the engine database: {}", e.getMessage());
        }
        return notes;
    }

    /** A path under the backup root as the Windows servers see it; {@code relative} uses {@code /}. */
    String serverPath(String relative) {
        boolean windows = serverRoot.startsWith("\\\\");
        String separator = windows ? "\\" : "/";
        String base = serverRoot.endsWith(separator) ? serverRoot.substring(0, serverRoot.length() - 1) : serverRoot;
        return base + separator + (windows ? relative.replace('/', '\\') : relative);
    }

    private static String onlyFile(DrillRecord.Item item) {
        if (item.backupFiles().size() != 1) {
            throw new IllegalArgumentException("item " + item.item() + " lists " + item.backupFiles().size()
                    + " files in the manifest instead of one");
        }
        return item.backupFiles().get(0);
    }

    private DrillRecord.Item skipped(DrillRecord.Item item, String why) {
        Instant now = clock.instant();
        return new DrillRecord.Item(item.item(), item.kind(), item.source(), null, item.size(), item.backupFiles(),
                DrillRecord.Outcome.SKIPPED, "Skipped: " + why, "Skipped", now, now, Duration.ZERO, null, null, null, why);
    }
}
