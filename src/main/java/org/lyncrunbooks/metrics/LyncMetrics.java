package org.lyncrunbooks.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.lyncrunbooks.backup.BackupCatalog;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.recovery.RecoveryTimeline;
import org.lyncrunbooks.workflow.ProcessSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The metrics, named as Prometheus practice asks (base units, {@code _total} only on counters, a last-success
 * timestamp that only a success moves; 0 until there is one, so that an age alert fires on a farm never backed up).
 * Gauges read a {@link Snapshot} that is taken at most once per second, so one scrape reads the share and the history
 * once. The runs counter counts the backup runs this node ended, by outcome ({@code published}, {@code abandoned}).
 */
@Component
class LyncMetrics implements MeterBinder, ProcessSignals {

    static final String RESTORE_DRILL = "lync-restore-drill";
    private static final Logger LOG = LoggerFactory.getLogger(LyncMetrics.class);
    private static final Duration FRESH = Duration.ofSeconds(1);
    private static final int RECOVERIES_LOOKED_AT = 20;

    private final BackupCatalog catalog;
    private final RecoveryTimeline recoveries;
    private final RunHistory history;
    private final Clock clock;
    private volatile MeterRegistry registry;
    private volatile Snapshot snapshot;

    /** The values of one scrape. NaN: not known (a recovery that has not finished yet). */
    record Snapshot(Instant takenAt, double backupLastSuccess, double backupLastDuration, double backupLastSize,
                    double backupItemsFailed, double drillLastSuccess, double recoveryLastRto, double recoveryLastRpo,
                    double escalationsOpen) {
    }

    LyncMetrics(BackupCatalog catalog, RecoveryTimeline recoveries, RunHistory history, Clock clock) {
        this.catalog = catalog;
        this.recoveries = recoveries;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        gauge(registry, "lync_backup_last_success_timestamp_seconds",
                "When the newest good backup set was completed (Unix time; 0: never)", Snapshot::backupLastSuccess);
        gauge(registry, "lync_backup_last_duration_seconds", "How long the run of the newest good backup set took",
                Snapshot::backupLastDuration);
        gauge(registry, "lync_backup_last_size_bytes", "Size of every file of the newest good backup set",
                Snapshot::backupLastSize);
        gauge(registry, "lync_backup_items_failed", "Items of the newest backup run that failed after their retries",
                Snapshot::backupItemsFailed);
        gauge(registry, "lync_restore_drill_last_success_timestamp_seconds",
                "When the last successful restore drill ended (Unix time; 0: never)", Snapshot::drillLastSuccess);
        gauge(registry, "lync_recovery_last_rto_seconds", "Achieved RTO of the last finished recovery",
                Snapshot::recoveryLastRto);
        gauge(registry, "lync_recovery_last_rpo_seconds", "Achieved RPO of the last finished recovery",
                Snapshot::recoveryLastRpo);
        gauge(registry, "lync_recovery_escalations_open", "Escalations waiting for a manager", Snapshot::escalationsOpen);
        for (String outcome : List.of("published", "abandoned")) {
            runs(registry, outcome);
        }
    }

    @Override
    public void processSignal(ProcessSignal signal) {
        MeterRegistry meters = registry;
        if (meters == null || !BackupProcess.KEY.equals(signal.processDefinitionKey())) {
            return;
        }
        switch (signal.kind()) {
            case SUCCEEDED -> runs(meters, "published").increment();
            case FAILED -> runs(meters, "abandoned").increment();
            default -> {
            }
        }
    }

    private static Counter runs(MeterRegistry registry, String outcome) {
        return Counter.builder("lync_backup_runs").description("Backup runs that ended, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.snapshot())).description(description).register(registry);
    }

    /** The values now, taken again when older than a second. */
    Snapshot snapshot() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || Duration.between(s.takenAt(), now).compareTo(FRESH) > 0) {
            try {
                s = take(now);
            } catch (RuntimeException e) {
                // the share or the database cannot be read now: the scrape says "not known" rather than failing
                LOG.warn("the metrics could not be read: {}", e.toString());
                double nan = Double.NaN;
                s = new Snapshot(now, nan, nan, nan, nan, nan, nan, nan, nan);
            }
            snapshot = s;
        }
        return s;
    }

    private Snapshot take(Instant now) {
        List<BackupCatalog.SetView> sets = catalog.overview(0, 50).sets().items();
        Optional<BackupCatalog.SetView> good = sets.stream()
                .filter(v -> v.status() == BackupCatalog.Status.PUBLISHED && v.completedAt() != null).findFirst();
        double failed = sets.stream().findFirst()
                .map(v -> v.progress() == null ? 0.0 : (double) v.progress().itemsFailed()).orElse(0.0);
        Optional<RecoveryTimeline.Summary> recovery = recoveries.page(0, RECOVERIES_LOOKED_AT).items().stream()
                .filter(r -> r.endedAt() != null && r.rto() != null).findFirst();
        return new Snapshot(now,
                good.map(v -> seconds(v.completedAt())).orElse(0.0),
                good.filter(v -> v.startedAt() != null)
                        .map(v -> Duration.between(v.startedAt(), v.completedAt()).toMillis() / 1000.0).orElse(Double.NaN),
                good.map(v -> v.bytes() == null ? Double.NaN : v.bytes().doubleValue()).orElse(Double.NaN),
                failed,
                history.lastSucceeded(RESTORE_DRILL).map(r -> seconds(r.endedAt())).orElse(0.0),
                recovery.map(r -> r.rto().toMillis() / 1000.0).orElse(Double.NaN),
                recovery.map(r -> r.rpo() == null ? Double.NaN : r.rpo().toMillis() / 1000.0).orElse(Double.NaN),
                history.openEscalations());
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
