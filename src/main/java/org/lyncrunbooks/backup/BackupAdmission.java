package org.lyncrunbooks.backup;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides in the start transaction whether a backup run starts: one run at a time (a second run beside the first
 * would write a second set of the same farm at the same moment, and both would load the farm). A start by a person
 * or script while a run is in progress is refused with that run's set id; a start by the schedule joins it (the
 * schedule's run ends at once, and the run in progress is the night's backup). An admitted run gets its set id now
 * — the moment it starts, in UTC — so that the start's answer names it.
 */
@Service
public class BackupAdmission {

    private static final Logger log = LoggerFactory.getLogger(BackupAdmission.class);
    /** The longest reason a person may give, as in the start form. */
    static final int REASON_LIMIT = 200;

    private final RunningBackups running;
    private final Clock clock;

    public BackupAdmission(RunningBackups running, Clock clock) {
        this.running = running;
        this.clock = clock;
    }

    /**
     * The outcome of a start.
     *
     * @param startedAt the run's start, from which its set id is made; null when it joined another run
     * @param setId     the set id the run will have (or, when it joined, the running one's)
     * @param joined    whether the start joined a run in progress instead of starting one
     */
    public record Admission(Instant startedAt, String setId, boolean joined) {
    }

    /**
     * Admits the run {@code runId}, or joins or refuses it.
     *
     * @param bySchedule whether the schedule started it (it then joins a run in progress instead of being refused)
     * @param reason     the reason a person gave, if any
     * @throws BackupRunRefusedException when a person's or script's start meets a run in progress, or the reason is
     *                                   too long
     */
    public Admission admit(String runId, boolean bySchedule, Optional<String> reason) {
        if (reason.isPresent() && reason.get().length() > REASON_LIMIT) {
            throw new BackupRunRefusedException(Status.BAD_REQUEST, BackupVariables.BACKUP_REASON + " is "
                    + reason.get().length() + " characters long; at most " + REASON_LIMIT + " are allowed");
        }
        List<RunningBackups.Run> others = running.others(runId);
        if (!others.isEmpty()) {
            RunningBackups.Run other = others.get(0);
            String set = other.setId() == null ? "(its set id is not chosen yet)" : other.setId();
            if (bySchedule) {
                log.info("The scheduled backup joins the run in progress, set {} (run {}): no second run is started",
                        set, other.runId());
                return new Admission(null, other.setId(), true);
            }
            throw new BackupRunRefusedException(Status.CONFLICT, "a backup run is already in progress: set " + set
                    + " (run " + other.runId() + ", started " + (other.startedAt() == null ? "at an unknown time"
                    : other.startedAt().truncatedTo(ChronoUnit.SECONDS).toString())
                    + (other.startedBy() == null ? " by the schedule" : " by " + other.startedBy()) + ", now "
                    + other.waitingAt() + "). One run goes at a time: follow that one in the backup catalog, or "
                    + "retry or abandon it if it waits for a review.");
        }
        Instant startedAt = clock.instant();
        return new Admission(startedAt, SetId.of(startedAt).toString(), false);
    }
}
