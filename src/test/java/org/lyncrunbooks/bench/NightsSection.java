package org.lyncrunbooks.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.lyncrunbooks.backup.ManyNights;

/**
 * Reliability scenario 13 at full size: the large lab farm backed up night after night (see {@link ManyNights}), and
 * what must stay flat from the second night to the last — run time, heap after GC, the engine database, the catalog's
 * and the timeline's page times — with I1–I6 checked after every night.
 */
final class NightsSection {

    private final Bench.Options options;
    private final Bench bench;

    NightsSection(Bench.Options options, Bench bench) {
        this.options = options;
        this.bench = bench;
    }

    void run(Path dir) throws Exception {
        ManyNights.Size size = options.nights();
        Bench.progress("nights: %d nights of a lab farm of %d pools, %d SQL servers, %d databases, %d file stores",
                size.nights(), size.pools(), size.sqlServers(), size.databases(), size.fileStores());
        ManyNights.Result result = ManyNights.inChildJvm(dir, size, Duration.ofHours(12));
        List<ManyNights.Night> nights = result.nights();
        if (nights.size() < 4) {
            return;
        }
        int last = nights.size();
        ManyNights.Night second = nights.get(1);
        ManyNights.Night lastNight = nights.get(last - 1);
        List<ManyNights.Night> early = nights.subList(1, 4);
        List<ManyNights.Night> late = nights.subList(last - 3, last);
        double timeRatio = median(late, ManyNights.Night::seconds) / median(early, ManyNights.Night::seconds);
        bench.addRow(new Bench.Row(String.format(Locale.ROOT, "Scale, %d nights: run time of nights %d–%d vs nights 2–4 "
                        + "(%d items, unchanged data but one file a night)", last, last - 2, last, result.items()),
                seconds(median(late, ManyNights.Night::seconds)), seconds(median(early, ManyNights.Night::seconds)),
                timeRatio, lastNight.seconds() / second.seconds(), "≤ 1.10 (night " + last + " vs night 2 in the next column)",
                timeRatio <= 1.10));
        double cpuRatio = median(late, ManyNights.Night::cpuSeconds) / median(early, ManyNights.Night::cpuSeconds);
        bench.addRow(new Bench.Row(String.format(Locale.ROOT, "Scale, %d nights: CPU time of nights %d–%d vs nights 2–4 "
                        + "(the same runs; CPU time does not grow when other work takes the cores)", last, last - 2, last),
                seconds(median(late, ManyNights.Night::cpuSeconds)), seconds(median(early, ManyNights.Night::cpuSeconds)),
                cpuRatio, lastNight.cpuSeconds() / second.cpuSeconds(), "≤ 1.10 (night " + last + " vs night 2 in the next column)",
                cpuRatio <= 1.10));
        double heapGrowth = median(late, n -> n.heapAfterGc()) - median(early, n -> n.heapAfterGc());
        bench.addRow(new Bench.Row("Scale: heap after GC, late nights vs nights 2–4",
                mb(median(late, n -> n.heapAfterGc())), mb(median(early, n -> n.heapAfterGc())),
                median(late, n -> n.heapAfterGc()) / median(early, n -> n.heapAfterGc()), Double.NaN,
                "flat (≤ +10 %)", heapGrowth <= 0.10 * median(early, n -> n.heapAfterGc())));
        int settled = Math.min(last - 1, size.historyDays() + 2);
        double rowsPerNightBefore = (double) (nights.get(settled - 1).engineRows() - nights.get(0).engineRows()) / (settled - 1);
        double rowsPerNightAfter = (double) (lastNight.engineRows() - nights.get(settled - 1).engineRows())
                / Math.max(1, last - settled);
        double bytesPerNightAfter = (double) (lastNight.engineDbBytes() - nights.get(settled - 1).engineDbBytes())
                / Math.max(1, last - settled);
        bench.addRow(new Bench.Row("Scale: engine database growth per night, until the history time to live ("
                + size.historyDays() + " days here) has passed; after it",
                String.format(Locale.ROOT, "%.0f rows/night; %.1f rows/night (%s/night)", rowsPerNightBefore,
                        rowsPerNightAfter, kb(bytesPerNightAfter)), "—", Double.NaN, Double.NaN,
                "bounded: flat once history cleanup removes the oldest night", rowsPerNightAfter <= 0.02 * rowsPerNightBefore + 5));
        double catalogRatio = median(late, ManyNights.Night::catalogMillis) / median(early, ManyNights.Night::catalogMillis);
        bench.addRow(new Bench.Row("Scale: backup catalog, first page, late nights vs nights 2–4",
                millis(median(late, ManyNights.Night::catalogMillis)), millis(median(early, ManyNights.Night::catalogMillis)),
                catalogRatio, Double.NaN, "≈ 1 (≤ 1.5)", catalogRatio <= 1.5));
        double timelineRatio = median(late, ManyNights.Night::timelineMillis) / median(early, ManyNights.Night::timelineMillis);
        bench.addRow(new Bench.Row("Scale: recovery timeline, first page, late nights vs nights 2–4",
                millis(median(late, ManyNights.Night::timelineMillis)), millis(median(early, ManyNights.Night::timelineMillis)),
                timelineRatio, Double.NaN, "≈ 1 (≤ 1.5)", timelineRatio <= 1.5));
        bench.addRow(new Bench.Row("Scale: invariants I1–I6 and leftovers (locks, external tasks, jobs, `.partial`), "
                + "checked after every night", result.violations().isEmpty() ? "held every night"
                : result.violations().size() + " violations", "—", Double.NaN, Double.NaN, "none violated",
                result.violations().isEmpty()));

        StringBuilder table = new StringBuilder("## " + last + " nights of a large farm\n\n");
        table.append(String.format(Locale.ROOT, "A lab farm of %d pools, %d SQL Server machines with %d databases and %d "
                        + "file stores (%d items a night), backed up by the schedule's own timer on the engine's clock moved "
                        + "from night to night; retention keeps %d sets; history time to live %d days (set for the run; the "
                        + "processes deploy with 180) and history cleanup in its batch window; one file of one store changes "
                        + "a night. Engine rows and bytes: every `ACT_*` table (H2's `DISK_SPACE_USED`).%n%n",
                size.pools(), size.sqlServers(), result.databases(), size.fileStores(), result.items(), size.keepSets(),
                size.historyDays()));
        table.append("| night | run | CPU | load | heap after GC | engine rows (history) | engine tables | catalog page | timeline page "
                + "| files reused |\n|---|---|---|---|---|---|---|---|---|---|\n");
        TreeSet<Integer> shown = new TreeSet<>(List.of(1, 2, 3, 5, 10, 15, 20, 25, last - 1, last));
        shown.removeIf(n -> n < 1 || n > last);
        for (int n : shown) {
            ManyNights.Night night = nights.get(n - 1);
            table.append(String.format(Locale.ROOT, "| %d | %.2f s | %.2f s | %.1f | %s | %,d (%,d) | %s | %.1f ms | %.1f ms | %,d |%n",
                    n, night.seconds(), night.cpuSeconds(), night.loadAverage(), mb(night.heapAfterGc()), night.engineRows(), night.historyRows(),
                    kb(night.engineDbBytes()), night.catalogMillis(), night.timelineMillis(), night.filesReused()));
        }
        List<String> grown = new ArrayList<>();
        Map<String, Long> from = nights.get(settled - 1).rowsByTable();
        lastNight.rowsByTable().forEach((name, rows) -> {
            if (rows > from.getOrDefault(name, 0L) + 5) {
                grown.add(name + " " + from.getOrDefault(name, 0L) + " → " + rows);
            }
        });
        table.append("\nTables that grew after night ").append(settled).append(": ")
                .append(grown.isEmpty() ? "none" : String.join(", ", grown)).append(".\n");
        if (!result.violations().isEmpty()) {
            table.append("\nViolations: ").append(String.join("; ", result.violations())).append("\n");
        }
        bench.addSection(table.toString());
        bench.addDetail(String.format(Locale.ROOT, "Nights: run times in seconds, night by night: %s; CPU seconds: %s; "
                        + "load average at each run's end: %s.",
                Bench.list(nights.stream().map(ManyNights.Night::seconds).toList()),
                Bench.list(nights.stream().map(ManyNights.Night::cpuSeconds).toList()),
                Bench.list(nights.stream().map(ManyNights.Night::loadAverage).toList())));
    }

    private static double median(List<ManyNights.Night> nights, ToDoubleFunction<ManyNights.Night> value) {
        return Bench.median(nights.stream().map(value::applyAsDouble).toList());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1 << 20));
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024);
    }
}
