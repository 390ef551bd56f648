package org.lyncrunbooks.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** RTO and RPO of failovers and failbacks against Microsoft's targets (30/30 min for a pool, 5 min for the CMS). */
class FailoverTimelineTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static FailoverTimeline timeline(FailoverRuns.Run... runs) {
        return new FailoverTimeline(max -> List.of(runs), Clock.fixed(T0.plus(Duration.ofHours(2)), ZoneOffset.UTC));
    }

    @Test
    void aFailoverCountsFromTheDecisionAndItsDataLossFromTheLastCopy() {
        FailoverRuns.Run run = new FailoverRuns.Run("1", FailoverProcess.KEY, "pool01", T0, T0.plusSeconds(3600),
                FailoverProcess.END_EVENT_POOL_FAILED_OVER, Map.of(
                FailoverVariables.FAILOVER_STARTED_AT, T0,
                FailoverVariables.LAST_SYNC_AT, T0.minusSeconds(90),
                FailoverVariables.FAILOVER_DECIDED_AT, T0.plusSeconds(1200),
                FailoverVariables.CMS_FAILOVER_STARTED_AT, T0.plusSeconds(1201),
                FailoverVariables.CMS_FAILED_OVER_AT, T0.plusSeconds(1501),
                FailoverVariables.POOL_FAILED_OVER_AT, T0.plusSeconds(1260 + 1200)));

        FailoverTimeline.Summary s = timeline(run).newestFirst(20).get(0);

        assertThat(s.state()).isEqualTo("done");
        assertThat(s.rto()).isEqualTo(Duration.ofMinutes(21));
        assertThat(s.rtoMet()).isTrue();
        assertThat(s.rpo()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.rpoMet()).isTrue();
        assertThat(s.cmsRto()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.cmsRtoMet()).isTrue();
    }

    @Test
    void aLateFailoverMissesItsTargetAndARebuildChoiceIsNotMeasured() {
        FailoverRuns.Run late = new FailoverRuns.Run("2", FailoverProcess.KEY, "pool01", T0, null, null, Map.of(
                FailoverVariables.FAILOVER_DECIDED_AT, T0, FailoverVariables.FAILOVER_STARTED_AT, T0,
                FailoverVariables.LAST_SYNC_AT, T0.minus(Duration.ofMinutes(45))));
        FailoverRuns.Run rebuild = new FailoverRuns.Run("3", FailoverProcess.KEY, "pool02", T0, T0.plusSeconds(60),
                FailoverProcess.END_EVENT_REBUILD_CHOSEN, Map.of());

        List<FailoverTimeline.Summary> page = timeline(late, rebuild).newestFirst(20);

        assertThat(page.get(0).state()).isEqualTo("running");
        assertThat(page.get(0).rto()).isEqualTo(Duration.ofHours(2));
        assertThat(page.get(0).rtoMet()).isFalse();
        assertThat(page.get(0).rpoMet()).as("not judged before it is done").isNull();
        assertThat(page.get(1).state()).isEqualTo("rebuild-chosen");
        assertThat(page.get(1).rtoMet()).isNull();
    }
}
