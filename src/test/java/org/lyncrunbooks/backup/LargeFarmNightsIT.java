package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 13 at a size {@code mvn verify} can afford: a large lab farm (every kind of item, several of
 * each) backed up night after night by the schedule's own timer, with retention and history cleanup on. After every
 * night the invariants I1–I6 hold and nothing is left behind; across the nights the run time, the heap after a
 * collection, the engine's tables and the catalog's and timeline's page times stay flat. The benchmark runs the same
 * nights at full size ({@code bench/run --only nights}).
 */
class LargeFarmNightsIT {

    private static final int HISTORY_DAYS = 3;

    @TempDir
    Path work;

    @Test
    void aLargeFarmBackedUpNightAfterNightKeepsEveryInvariantAndNothingGrows() throws Exception {
        ManyNights.Result result = ManyNights.inChildJvm(work, new ManyNights.Size(5, 4, 30, 6, 5, 10, 12, 4,
                HISTORY_DAYS), Duration.ofMinutes(20));

        assertThat(result.violations()).as("invariants and leftovers, night by night").isEmpty();
        List<ManyNights.Night> nights = result.nights();
        assertThat(nights).hasSize(12);
        assertThat(result.databases()).isBetween(28L, 32L);
        assertThat(nights.subList(1, nights.size())).allSatisfy(n -> assertThat(n.filesReused())
                .as("night %d reused unchanged files", n.night()).isPositive());
        List<ManyNights.Night> early = nights.subList(1, 5);
        List<ManyNights.Night> late = nights.subList(nights.size() - 4, nights.size());
        assertThat(median(late, ManyNights.Night::seconds)).as("run time, late nights against nights 2-5")
                .isLessThanOrEqualTo(2 * median(early, ManyNights.Night::seconds) + 2);
        assertThat(late.stream().mapToLong(ManyNights.Night::heapAfterGc).max().orElseThrow())
                .as("heap after GC").isLessThanOrEqualTo(early.stream().mapToLong(ManyNights.Night::heapAfterGc).min()
                        .orElseThrow() + (64L << 20));
        assertThat(median(late, ManyNights.Night::catalogMillis)).as("catalog page")
                .isLessThanOrEqualTo(3 * median(early, ManyNights.Night::catalogMillis) + 20);
        assertThat(median(late, ManyNights.Night::timelineMillis)).as("timeline page")
                .isLessThanOrEqualTo(3 * median(early, ManyNights.Night::timelineMillis) + 20);
        // once the history time to live has passed, history cleanup keeps every engine table flat
        Map<String, Long> settled = nights.get(HISTORY_DAYS + 2).rowsByTable();
        Map<String, Long> last = nights.get(nights.size() - 1).rowsByTable();
        assertThat(last).allSatisfy((table, rows) -> assertThat(rows).as(table)
                .isLessThanOrEqualTo(settled.getOrDefault(table, 0L) + 5));
    }

    private static double median(List<ManyNights.Night> nights, java.util.function.ToDoubleFunction<ManyNights.Night> value) {
        double[] sorted = nights.stream().mapToDouble(value).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
