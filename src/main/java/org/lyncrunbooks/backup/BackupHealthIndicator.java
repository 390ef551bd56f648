package org.lyncrunbooks.backup;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.BackupShareUnavailableException;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code backup} (group {@code /actuator/health/backup}): DOWN when the newest good published
 * set is older than {@code lync.backup.health.max-age} (or there is none), when the backup share cannot be written,
 * or when the engine has open incidents on the backup processes; the details say which, so that ordinary
 * monitoring can alert on the status and people can read why.
 */
@Component
class BackupHealthIndicator extends AbstractHealthIndicator {

    private static final int INCIDENTS_LISTED = 5;

    private final BackupCatalog catalog;
    private final BackupShare share;
    private final BackupIncidents incidents;
    private final BackupSchedule schedule;
    private final BackupHealthProperties properties;
    private final Clock clock;

    BackupHealthIndicator(BackupCatalog catalog, BackupShare share, BackupIncidents incidents, BackupSchedule schedule,
                          BackupHealthProperties properties, Clock clock) {
        super("the backup health check failed");
        this.catalog = catalog;
        this.share = share;
        this.incidents = incidents;
        this.schedule = schedule;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * {@code CURRENT} names no published set although the share holds one: recoveries without a named set are
     * refused, and scripts reading {@code $Backup} find nothing, until the next backup writes it again.
     */
    private Optional<String> currentProblem(boolean aGoodSetExists) {
        if (!aGoodSetExists) {
            return Optional.empty();
        }
        Path pointer = share.root().resolve(BackupShare.CURRENT);
        Optional<SetId> current = share.current();
        if (current.isEmpty()) {
            return Optional.of(Files.exists(pointer, LinkOption.NOFOLLOW_LINKS)
                    ? "CURRENT on " + share.root() + " does not name a set; the next backup writes it again"
                    : "CURRENT is missing on " + share.root() + "; the next backup writes it again");
        }
        if (!Files.isDirectory(share.publishedDirectory(current.get()), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("CURRENT on " + share.root() + " names set " + current.get()
                    + ", which is not a published set; the next backup writes it again");
        }
        return Optional.empty();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();

        Duration maxAge = properties.maxAge(schedule, now);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("maxAge", maxAge.toString());
        Optional<BackupCatalog.GoodSet> newest;
        try {
            newest = catalog.newestGoodSet();
        } catch (UncheckedIOException e) {
            newest = Optional.empty();
            problems.add("cannot read the sets on " + share.root() + ": " + e.getMessage());
        }
        if (newest.isEmpty()) {
            problems.add("no good published backup set on " + share.root());
        } else {
            Duration age = Duration.between(newest.get().completedAt(), now);
            set.put("id", newest.get().setId());
            set.put("completedAt", newest.get().completedAt().toString());
            set.put("age", age.withNanos(0).toString());
            if (age.compareTo(maxAge) > 0) {
                problems.add("the newest good backup set " + newest.get().setId() + " is " + age.withNanos(0)
                        + " old, more than " + maxAge);
            }
        }
        builder.withDetail("newestSet", set);
        currentProblem(newest.isPresent()).ifPresent(problem -> {
            set.put("current", "missing");
            problems.add(problem);
        });

        try {
            share.checkWritable();
            builder.withDetail("share", Map.of("root", share.root().toString(), "writable", true));
        } catch (BackupShareUnavailableException e) {
            builder.withDetail("share", Map.of("root", share.root().toString(), "writable", false, "error", e.getMessage()));
            problems.add(e.getMessage());
        }

        BackupIncidents.Open open = incidents.open(INCIDENTS_LISTED);
        builder.withDetail("incidents", Map.of("open", open.count(), "latest", open.latest()));
        if (open.count() > 0) {
            problems.add(open.count() + " open incident(s) on " + BackupProcess.KEY);
        }

        builder.withDetail("problems", problems);
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
