package org.lyncrunbooks.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a recovery achieved (issue "server recovery runbook", item 6): every step with who did it and when it became
 * ready, was claimed and was done; the RPO achieved (incident time minus {@code dataLossFrom}, the earliest start of
 * the backups of the items restored: the data lost) and
 * the RTO achieved (start to finish); overrides and escalations. Stored as JSON in the variable
 * {@code recoveryReport}.
 */
public record RecoveryReport(
        String recoveryId,
        String failedServerFqdn,
        String procedure,
        String incidentReference,
        String backupSetId,
        Instant setCompletedAt,
        Instant incidentTime,
        Instant recoveryStartedAt,
        Instant recoveryFinishedAt,
        Instant dataLossFrom,
        Duration achievedRpo,
        Duration achievedRto,
        List<Step> steps,
        List<Decision> decisions) {

    public RecoveryReport {
        steps = List.copyOf(steps);
        decisions = List.copyOf(decisions);
    }

    /**
     * One step: a user task (who, ready, claimed, done) or an automated step (started, done).
     *
     * @param waited from ready to claimed (or to done when nobody claimed it)
     * @param took   from claimed (or ready, or started) to done
     */
    public record Step(String process, String activityId, String name, String kind, String candidateGroups, String who,
                       Instant readyAt, Instant claimedAt, Instant doneAt, Duration waited, Duration took) {
    }

    /** A recorded decision: data-loss window, target override, escalation. */
    public record Decision(String kind, String who, Instant at, String outcome, String reason) {
    }
}
