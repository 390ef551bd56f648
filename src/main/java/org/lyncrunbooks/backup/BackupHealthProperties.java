package org.lyncrunbooks.backup;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When the {@code backup} health group reports DOWN ({@code lync.backup.health}).
 *
 * @param maxAge the newest good published set may be this old; unset: the schedule's interval plus two hours
 *               (nightly: 26 hours), so one late run does not alert but one missed run does
 */
@ConfigurationProperties("lync.backup.health")
public record BackupHealthProperties(Duration maxAge) {

    static final Duration SLACK = Duration.ofHours(2);

    public BackupHealthProperties {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("lync.backup.health.max-age must be a positive duration, was " + maxAge);
        }
    }

    /** The configured age, or the one the schedule implies. */
    Duration maxAge(BackupSchedule schedule, Instant now) {
        return maxAge != null ? maxAge : schedule.interval(now).plus(SLACK);
    }
}
