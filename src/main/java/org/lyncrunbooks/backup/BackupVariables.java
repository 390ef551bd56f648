package org.lyncrunbooks.backup;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of {@code lync-backup-cycle}, read and written in one place. The process keeps references and
 * decisions only; the plan, the item outcomes and the files live in the set's folder on the backup share.
 */
public final class BackupVariables {

    public static final String BACKUP_SET_ID = "backupSetId";
    public static final String ITEM_COUNT = "itemCount";
    /** How many lanes the run's items are dealt out to: the configured lanes, or fewer when the run has fewer items. */
    public static final String LANE_COUNT = "laneCount";
    /** The lane (0 … laneCount − 1) of a {@code SubProcess_BackUpItems} instance. */
    public static final String LANE = "lane";
    /**
     * The plan index of the item an item task backs up, local to the task's own execution: items are dealt out to
     * the lanes in turn, so lane {@code l} takes items {@code l}, {@code l + laneCount}, {@code l + 2 × laneCount} …
     * (the task's input mapping {@code ${lane + loopCounter * laneCount}}).
     */
    public static final String ITEM_INDEX = "itemIndex";
    /**
     * Set by the engine on each instance of a multi-instance activity. In runs started on the process version
     * without lanes (one parallel instance per item), the item task's loop counter is the item's index.
     */
    public static final String LOOP_COUNTER = "loopCounter";
    public static final String ALL_ITEMS_SUCCEEDED = "allItemsSucceeded";
    public static final String FAILED_ITEM_COUNT = "failedItemCount";
    public static final String FAILURE_SUMMARY = "failureSummary";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String ABANDON_REASON = "abandonReason";
    public static final String BACKUP_REASON = "backupReason";
    /** Set at the start: the run's start, from which its set id is made (the business key, until the set is created). */
    public static final String RUN_STARTED_AT = "runStartedAt";
    /** Set at the start: the schedule's start joined a run in progress instead of starting a second one. */
    public static final String JOINED_RUN_IN_PROGRESS = "joinedRunInProgress";
    public static final String JOINED_SET_ID = "joinedSetId";

    private BackupVariables() {
    }

    public static Optional<String> backupSetId(VariableScope scope) {
        return Optional.ofNullable((String) scope.getVariable(BACKUP_SET_ID));
    }

    public static String requireBackupSetId(VariableScope scope) {
        return backupSetId(scope).orElseThrow(() -> new IllegalStateException("variable " + BACKUP_SET_ID + " is not set"));
    }

    public static void writePrepared(VariableScope scope, String backupSetId, int itemCount, int laneCount) {
        scope.setVariable(BACKUP_SET_ID, backupSetId);
        scope.setVariable(ITEM_COUNT, itemCount);
        scope.setVariable(LANE_COUNT, laneCount);
    }

    public static void writeAssessment(VariableScope scope, int failedItemCount, String failureSummary) {
        scope.setVariable(ALL_ITEMS_SUCCEEDED, failedItemCount == 0);
        scope.setVariable(FAILED_ITEM_COUNT, failedItemCount);
        scope.setVariable(FAILURE_SUMMARY, failureSummary);
    }

    /** The reason given at the start, if any; text only. */
    public static Optional<String> backupReason(VariableScope scope) {
        Object reason = scope.getVariable(BACKUP_REASON);
        if (reason != null && !(reason instanceof String)) {
            throw new BackupRunRefusedException(org.lyncrunbooks.workflow.RequestRefusedException.Status.BAD_REQUEST,
                    BACKUP_REASON + " must be text, not " + org.lyncrunbooks.workflow.SubmittedValues.describe(reason));
        }
        return reason == null || reason.toString().isBlank() ? Optional.empty() : Optional.of(reason.toString().strip());
    }

    /** When the run started, as its admission recorded it; empty for runs started before runs were admitted. */
    public static Optional<java.time.Instant> runStartedAt(VariableScope scope) {
        return scope.getVariable(RUN_STARTED_AT) instanceof java.util.Date date ? Optional.of(date.toInstant())
                : Optional.empty();
    }

    public static String abandonReason(VariableScope scope) {
        Object reason = scope.getVariable(ABANDON_REASON);
        return reason == null || reason.toString().isBlank() ? "abandoned by an operator" : reason.toString();
    }

    /** Reads an Integer, Long or Double (Tasklist sends numbers untyped) as an int. */
    public static int readInt(Object value, String name) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        throw new IllegalStateException("variable " + name + " is " + value + ", not a number");
    }
}
