package org.lyncrunbooks.recovery;

import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Writes what the forms show of the chosen backup set. */
final class RecoverySetVariables {

    private RecoverySetVariables() {
    }

    static void write(VariableScope scope, RecoveryService.Assessment assessment) {
        scope.setVariable(RecoveryVariables.BACKUP_SET_ID, assessment.setId());
        scope.setVariable(RecoveryVariables.SET_COMPLETED_AT, Date.from(assessment.setCompletedAt()));
        scope.setVariable(RecoveryVariables.SET_SERVER_PATH, assessment.setServerPath());
        scope.setVariable(RecoveryVariables.SET_PROBLEM, null);
    }
}
