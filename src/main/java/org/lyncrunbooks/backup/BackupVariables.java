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
