package org.lyncrunbooks.failover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The failovers and failbacks next to the recoveries, with RTO and RPO against Microsoft's own targets (H3, H4): a pool
 * failover or failback 30 minutes / 30 minutes, a Central Management store failover 5 minutes / 5 minutes. The RTO
 * counts from the manager's decision (Microsoft's clock starts when the administrator starts the failover; the
 * decision and the users' sign-in are outside it) to the pool's users failed over (or back); the RPO is what the
 * Backup Service had not copied: the start of the failover minus the backup pool's last copy.
 */
@Component
public class FailoverTimeline {

    static final Duration POOL_TARGET = Duration.ofMinutes(30);
    static final Duration CMS_TARGET = Duration.ofMinutes(5);

    private final FailoverRuns runs;
    private final Clock clock;

    FailoverTimeline(FailoverRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * One failover or failback.
     *
     * @param kind   {@code failover} or {@code failback}
     * @param state  {@code running}, {@code done} (the pool's users failed over or back), {@code rebuild-chosen},
     *               {@code stopped}
     * @param rto    decision to users failed over (start to failed back for a failback); so far while running
     * @param rpo    data the backup pool had not received (failover only)
     * @param cmsRto the Central Management store's failover, when the run failed it over
     */
    public record Summary(String id, String kind, String pool, String backupPool, String incidentReference, String state,
                          Instant startedAt, Instant endedAt, Duration rto, Duration rtoTarget, Boolean rtoMet,
                          Duration rpo, Duration rpoTarget, Boolean rpoMet, Duration cmsRto, Duration cmsTarget,
                          Boolean cmsRtoMet) {
    }

    public List<Summary> newestFirst(int max) {
        if (max < 1 || max > 200) {
            throw new IllegalArgumentException("max must be 1 to 200, was " + max);
        }
        return runs.newestFirst(max).stream().map(this::summary).toList();
    }

    private Summary summary(FailoverRuns.Run run) {
        Map<String, Object> v = run.variables();
        boolean failover = FailoverProcess.KEY.equals(run.process());
        Instant done = instant(v, failover ? FailoverVariables.POOL_FAILED_OVER_AT : FailoverVariables.POOL_FAILED_BACK_AT);
        Instant from = failover ? instant(v, FailoverVariables.FAILOVER_DECIDED_AT) : run.startedAt();
        String state = run.endedAt() == null ? "running"
                : FailoverProcess.END_EVENT_REBUILD_CHOSEN.equals(run.endActivityId()) ? "rebuild-chosen"
                : done != null ? "done" : "stopped";
        Duration rto = from == null ? null
                : Duration.between(from, done != null ? done : run.endedAt() != null ? run.endedAt() : clock.instant());
        Instant lastSync = instant(v, FailoverVariables.LAST_SYNC_AT);
        Instant started = instant(v, FailoverVariables.FAILOVER_STARTED_AT);
        Duration rpo = failover && lastSync != null && started != null ? Duration.between(lastSync, started) : null;
        Instant cmsFrom = instant(v, FailoverVariables.CMS_FAILOVER_STARTED_AT);
        Instant cmsTo = instant(v, FailoverVariables.CMS_FAILED_OVER_AT);
        Duration cmsRto = cmsFrom != null && cmsTo != null ? Duration.between(cmsFrom, cmsTo) : null;
        boolean measured = "done".equals(state) || "running".equals(state);
        return new Summary(run.id(), failover ? "failover" : "failback", run.pool(),
                text(v.get(FailoverVariables.BACKUP_POOL_FQDN)), text(v.get(FailoverVariables.INCIDENT_REFERENCE)), state,
                run.startedAt(), run.endedAt(), rto, POOL_TARGET, rto != null && measured ? rto.compareTo(POOL_TARGET) <= 0 : null,
                rpo, failover ? POOL_TARGET : null, rpo != null && "done".equals(state) ? rpo.compareTo(POOL_TARGET) <= 0 : null,
                cmsRto, cmsRto == null ? null : CMS_TARGET, cmsRto == null ? null : cmsRto.compareTo(CMS_TARGET) <= 0);
    }

    private static Instant instant(Map<String, Object> variables, String name) {
        return variables.get(name) instanceof Instant at ? at : null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
