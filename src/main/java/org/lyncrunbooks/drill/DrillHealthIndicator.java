package org.lyncrunbooks.drill;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code drill}, part of the group {@code /actuator/health/backup}: DOWN when the newest
 * restore drill failed (or never finished), when the newest set a drill proved restorable is older than
 * {@code lync.drill.max-age} (or no drill ever passed), or when the drill processes have open incidents. Before the
 * first drill it says UNKNOWN, which leaves the group as the backup's own check makes it.
 */
@Component
class DrillHealthIndicator extends AbstractHealthIndicator {

    private static final int INCIDENTS_LISTED = 5;

    private final DrillCatalog catalog;
    private final DrillRuns runs;
    private final DrillProperties properties;
    private final DrillSchedule schedule;
    private final Clock clock;

    DrillHealthIndicator(DrillCatalog catalog, DrillRuns runs, DrillProperties properties, DrillSchedule schedule,
                         Clock clock) {
        super("the restore drill health check failed");
        this.catalog = catalog;
        this.runs = runs;
        this.properties = properties;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> problems = new ArrayList<>();
        builder.withDetail("maxAge", properties.maxAge().toString());
        builder.withDetail("nextDrill", schedule.next(clock.instant()).toString());
        Optional<DrillCatalog.Summary> newest = catalog.newestDrill();
        newest.ifPresent(drill -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("setId", drill.setId());
            detail.put("state", drill.state().name());
            detail.put("startedAt", String.valueOf(drill.startedAt()));
            detail.put("finishedAt", String.valueOf(drill.finishedAt()));
            detail.put("failing", drill.failing());
            builder.withDetail("newestDrill", detail);
            if (drill.state().failed()) {
                problems.add("the newest restore drill (set " + drill.setId() + ") " + (drill.state()
                        == DrillCatalog.State.INTERRUPTED ? "did not finish" : "failed") + ": "
                        + (drill.failing().isEmpty() ? drill.summary() : String.join("; ", drill.failing())));
            }
        });
        Optional<DrillCatalog.Proven> proven = catalog.newestProven();
        if (proven.isPresent()) {
            DrillCatalog.Proven p = proven.get();
            builder.withDetail("newestProvenSet", Map.of("setId", p.setId(), "completedAt", p.setCompletedAt().toString(),
                    "provenAt", String.valueOf(p.provenAt()), "age", p.age().withNanos(0).toString()));
            if (p.tooOld()) {
                problems.add("the newest set proven restorable, " + p.setId() + ", is " + p.age().withNanos(0)
                        + " old, more than lync.drill.max-age " + properties.maxAge());
            }
        } else if (newest.isPresent()) {
            problems.add("no restore drill has proven a backup set restorable yet");
        }
        long incidents = runs.incidentCount();
        builder.withDetail("incidents", Map.of("open", incidents, "latest", runs.incidents(INCIDENTS_LISTED)));
        if (incidents > 0) {
            problems.add(incidents + " open incident(s) on " + DrillProcess.KEY);
        }
        builder.withDetail("problems", problems);
        if (!problems.isEmpty()) {
            builder.down();
        } else if (newest.isEmpty()) {
            builder.status(Status.UNKNOWN).withDetail("note", "no restore drill has run yet");
        } else {
            builder.up();
        }
    }
}
