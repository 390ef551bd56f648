package org.lyncrunbooks.drill;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of {@code lync-restore-drill}, read and written in one place. The process keeps references and
 * decisions only; the drill's record with every item's result lives on the backup share
 * ({@code <root>/.drills/<setId>.json}).
 */
public final class DrillVariables {

    /** The set to drill: the start form's value (empty = the set CURRENT names), then the chosen set. */
    public static final String BACKUP_SET_ID = "backupSetId";
    /** True when the timer started the drill: a busy drill is then skipped instead of refused. */
    public static final String SCHEDULED_START = "scheduledStart";
    public static final String SET_CHOSEN = "setChosen";
    /** Why no set is drilled, when none is. */
    public static final String SKIP_REASON = "skipReason";
    public static final String ITEM_COUNT = "itemCount";
    /** Set by the engine on each instance of the item multi-instance: the index of the item in the drill's record. */
    public static final String LOOP_COUNTER = "loopCounter";
    public static final String DRILL_PASSED = "drillPassed";
    public static final String FAILED_ITEM_COUNT = "failedItemCount";
    public static final String FAILURE_SUMMARY = "failureSummary";
    public static final String REVIEW_DECISION = "drillReviewDecision";

    private DrillVariables() {
    }

    /** The requested set id, empty when none (or a blank one) was given. */
    public static Optional<String> requestedSetId(VariableScope scope) {
        Object value = scope.getVariable(BACKUP_SET_ID);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    public static String requireSetId(VariableScope scope) {
        return requestedSetId(scope).orElseThrow(() -> new IllegalStateException("variable " + BACKUP_SET_ID + " is not set"));
    }

    public static boolean scheduledStart(VariableScope scope) {
        return Boolean.TRUE.equals(scope.getVariable(SCHEDULED_START));
    }

    public static void writeChoice(VariableScope scope, Optional<String> setId, String skipReason) {
        scope.setVariable(SET_CHOSEN, setId.isPresent());
        setId.ifPresent(id -> scope.setVariable(BACKUP_SET_ID, id));
        if (skipReason != null) {
            scope.setVariable(SKIP_REASON, skipReason);
        }
    }

    public static void writeItemCount(VariableScope scope, int itemCount) {
        scope.setVariable(ITEM_COUNT, itemCount);
    }

    /** The index of the item this multi-instance execution drills. */
    public static int itemIndex(VariableScope scope) {
        Object value = scope.getVariable(LOOP_COUNTER);
        if (value instanceof Number number) {
            return number.intValue();
        }
        throw new IllegalStateException("variable " + LOOP_COUNTER + " is " + value + ", not the index of an item");
    }

    public static void writeOutcome(VariableScope scope, boolean passed, int failedItemCount, String failureSummary) {
        scope.setVariable(DRILL_PASSED, passed);
        scope.setVariable(FAILED_ITEM_COUNT, failedItemCount);
        scope.setVariable(FAILURE_SUMMARY, failureSummary);
    }
}
