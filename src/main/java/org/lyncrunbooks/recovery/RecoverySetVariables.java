package org.lyncrunbooks.recovery;

import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Writes what the forms show of the chosen backup set. */
final class RecoverySetVariables {

    private RecoverySetVariables() {
    }

    /** One line per restored item: its backup's start and end, oldest first. */
    static String itemTimes(RecoveryService.Assessment assessment) {
        if (assessment.itemTimes().isEmpty()) {
            return "the set's manifest gives no times per item; the window starts at the set's completion, "
                    + DateTimeFormatter.ISO_INSTANT.format(assessment.setCompletedAt());
        }
        StringBuilder lines = new StringBuilder();
        for (RecoveryService.ItemTime item : assessment.itemTimes()) {
            lines.append(item.path()).append(": backed up from ").append(DateTimeFormatter.ISO_INSTANT.format(item.startedAt()))
                    .append(item.finishedAt() == null ? "" : " to " + DateTimeFormatter.ISO_INSTANT.format(item.finishedAt()))
                    .append('\n');
        }
        return lines.toString().strip();
    }

    static void write(VariableScope scope, RecoveryService.Assessment assessment) {
        scope.setVariable(RecoveryVariables.BACKUP_SET_ID, assessment.setId());
        scope.setVariable(RecoveryVariables.SET_COMPLETED_AT, Date.from(assessment.setCompletedAt()));
        scope.setVariable(RecoveryVariables.DATA_LOSS_FROM, Date.from(assessment.dataLossFrom()));
        scope.setVariable(RecoveryVariables.ITEM_TIMES, RecoveryVariables.text(itemTimes(assessment)));
        scope.setVariable(RecoveryVariables.SET_SERVER_PATH, assessment.setServerPath());
        scope.setVariable(RecoveryVariables.SET_PROBLEM, null);
    }
}
