package org.lyncrunbooks.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a recovery achieved: every step with who did it and when it became ready, was claimed and was done; the RPO
 * achieved (the data lost: {@link #rpo}, from {@code dataLossFrom}, the earliest start of the backups of the items
 * restored) and the RTO achieved (from the start until services and sign-in were
 * confirmed: {@link #rto}); decisions with their reasons, send-backs with theirs, overrides and escalations. Stored
 * as JSON in the variable {@code recoveryReport}; the recovery timeline shows the same figures, computed here.
 *
 * @param recoveryFinishedAt when the server was back (services and sign-in confirmed), or the moment the report was
 *                           built while that has not happened
 * @param recovered          whether services and sign-in were confirmed: only then are the figures achieved ones
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
        boolean recovered,
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

    /** A recorded decision, send-back or escalation: data-loss window, target override, a check that sent a task back. */
    public record Decision(String kind, String who, Instant at, String outcome, String reason) {
    }

    /**
     * The data a recovery loses: from the moment the restored data stops — the start of the oldest backup it
     * restores ({@code dataLossFrom}; the set's completion for sets without times per item) — to the incident. The
     * one place the RPO is computed; null while either is unknown.
     */
    public static Duration rpo(Instant dataLossFrom, Instant incidentTime) {
        return dataLossFrom == null || incidentTime == null ? null : Duration.between(dataLossFrom, incidentTime);
    }

    /** The time to recover: from the recovery's start to the server being back (or to now while it is not). */
    public static Duration rto(Instant startedAt, Instant backAt) {
        return startedAt == null || backAt == null ? null : Duration.between(startedAt, backAt);
    }
}
