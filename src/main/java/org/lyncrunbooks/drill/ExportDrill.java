package org.lyncrunbooks.drill;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Drills a Management Shell export (CMS configuration, LIS, user data, Response Group, Persistent Chat): reads it as
 * its import cmdlet would ({@link ExportInspector}), counts what it holds, and compares the counts that matter for
 * the kind (users, contacts, conferences; workflows, queues, agent groups; …) with the previous drilled set. A count
 * that fell by more than {@code lync.drill.max-drop} fails the item with both numbers: an export that parses but
 * holds half the users is no backup of them.
 */
final class ExportDrill {

    /** The counts compared with the previous drilled set, per kind: the export's tables by their name. */
    private static final Map<ExportInspector.Kind, Set<String>> COMPARED = Map.of(
            ExportInspector.Kind.CONFIGURATION, Set.of("policies", "settings", "topology_document", "docitems"),
            ExportInspector.Kind.LIS, Set.of("locations", "subnets", "wireless_access_points", "docitems"),
            ExportInspector.Kind.USER_DATA, Set.of("users", "contacts", "conferences", "docitems"),
            ExportInspector.Kind.RGS, Set.of("workflows", "queues", "agent_groups", "docitems"),
            ExportInspector.Kind.PERSISTENT_CHAT, Set.of("categories", "rooms", "docitems"));

    private final ExportInspector inspector;
    private final DrillProperties properties;
    private final Clock clock;

    ExportDrill(ExportInspector inspector, DrillProperties properties, Clock clock) {
        this.inspector = inspector;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param file     the export in the set
     * @param previous the same item in the previous drilled set, with its counts, if there is one
     */
    DrillRecord.Item drill(DrillRecord.Item item, Path file, Optional<Previous> previous) {
        Instant started = clock.instant();
        ExportInspector.Kind kind = ExportInspector.Kind.of(item.kind()).orElseThrow();
        String testTarget = "read in memory as " + kind.importCmdlet + " reads it (" + ExportInspector.DOC_ITEM_SET
                + ", " + ExportInspector.META_DATA + ")";
        List<String> details = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Duration readElapsed;
        try {
            Map<String, Long> rows = inspector.read(file, kind);
            readElapsed = Duration.between(started, clock.instant());
            rows.forEach((table, n) -> counts.put(table.substring(table.indexOf('.') + 1), n));
            details.add("read " + file.getFileName() + " as " + kind.importCmdlet + " reads it in " + readElapsed + ": "
                    + counts);
        } catch (ExportInspector.UnreadableExportException e) {
            details.add(e.getMessage());
            return result(item, testTarget, DrillRecord.Outcome.FAILED, "Failed: " + e.getMessage(),
                    "Not run: the export cannot be read", started, null, Map.of(), details);
        }
        List<String> drops = new ArrayList<>();
        if (previous.isPresent()) {
            for (String name : COMPARED.get(kind)) {
                Long before = previous.get().counts().get(name);
                Long now = counts.get(name);
                if (before == null || before == 0 || now == null) {
                    continue;
                }
                double drop = (before - now) / (double) before;
                if (drop > properties.maxDropFraction()) {
                    drops.add(name + " fell from " + before + " in set " + previous.get().setId() + " to " + now
                            + " (" + percent(drop) + " fewer; lync.drill.max-drop is " + properties.maxDrop() + ")");
                }
            }
            details.add("compared with set " + previous.get().setId() + ": " + (drops.isEmpty() ? "no count fell by more than "
                    + properties.maxDrop() : String.join("; ", drops)));
        } else {
            details.add("no earlier drilled set to compare the counts with");
        }
        if (!drops.isEmpty()) {
            return result(item, testTarget, DrillRecord.Outcome.FAILED, "Success",
                    "Failed: " + String.join("; ", drops), started, readElapsed, counts, details);
        }
        return result(item, testTarget, DrillRecord.Outcome.PASSED, "Success", "Success", started, readElapsed, counts,
                details);
    }

    /** The counts of the same item in the previous drilled set. */
    record Previous(String setId, Map<String, Long> counts) {
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0 + " %";
    }

    private DrillRecord.Item result(DrillRecord.Item item, String testTarget, DrillRecord.Outcome outcome,
                                    String restoreResult, String checkResult, Instant started, Duration readElapsed,
                                    Map<String, Long> counts, List<String> details) {
        Instant finished = clock.instant();
        return new DrillRecord.Item(item.item(), item.kind(), item.source(), testTarget, item.size(), item.backupFiles(),
                outcome, restoreResult, checkResult, started, finished, Duration.between(started, finished), readElapsed,
                null, counts, String.join("\n", details));
    }
}
