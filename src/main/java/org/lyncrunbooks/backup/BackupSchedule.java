package org.lyncrunbooks.backup;

import java.time.Duration;
import java.time.Instant;

import org.lyncrunbooks.workflow.Cron;

/**
 * The cron of the timer start event, exposed as the bean {@code backupSchedule} so that the BPMN reads it as
 * {@code ${backupSchedule.cron}} when the process is deployed; {@link BackupScheduleDeployment} redeploys it when
 * the cron changed, so a changed {@code lync.backup.schedule} takes effect at the next start. The cron is checked here, with the engine's own
 * calendar, so that a typo stops start-up with a clear message instead of a deployment error.
 */
public class BackupSchedule {

    private final String cron;

    public BackupSchedule(String cron) {
        this("lync.backup.schedule", cron);
    }

    /** A schedule configured under {@code key}, which a bad cron's message names. */
    public BackupSchedule(String key, String cron) {
        try {
            Cron.check(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + cron + "' is not a valid Camunda cron "
                    + "(6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0 2 * * ?'): "
                    + e.getMessage(), e);
        }
        this.cron = cron;
    }

    public String getCron() {
        return cron;
    }

    /** The next time the schedule fires after {@code now}. */
    public Instant next(Instant now) {
        return Cron.next(cron, now);
    }

    /** The time between the next two fires after {@code now}: how old the newest set may be on a normal day. */
    public Duration interval(Instant now) {
        Instant next = next(now);
        return Duration.between(next, next(next));
    }
}
