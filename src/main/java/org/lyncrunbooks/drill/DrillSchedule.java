package org.lyncrunbooks.drill;

import java.time.Instant;

import org.lyncrunbooks.backup.BackupSchedule;

/**
 * The cron of the drill's timer start event, exposed as the bean {@code drillSchedule} so that
 * {@code lync-restore-drill-schedule} reads it as {@code ${drillSchedule.cron}} when it is deployed; checked with the
 * engine's own calendar (as the backup's schedule is), so that a typo in {@code lync.drill.schedule} stops start-up
 * with a clear message.
 */
public class DrillSchedule {

    private final BackupSchedule cron;

    public DrillSchedule(String cron) {
        this.cron = new BackupSchedule("lync.drill.schedule", cron);
    }

    public String getCron() {
        return cron.getCron();
    }

    /** The next time the drill's schedule fires after {@code now}. */
    public Instant next(Instant now) {
        return cron.next(now);
    }
}
