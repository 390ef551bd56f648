package org.lyncrunbooks.recovery;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.lyncrunbooks.topology.RecoveryProcedure;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_ChooseNextProcedure}: a server with several parts runs several procedures, one after
 * the other in the order the assessment chose; the rebuild and the SQL Server installation an earlier procedure did
 * are not asked for again.
 */
@Component
class ChooseNextProcedureDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        List<RecoveryProcedure> procedures = Arrays.stream(RecoveryVariables.requireString(execution,
                        RecoveryVariables.RECOVERY_PROCEDURES).split(","))
                .map(key -> RecoveryProcedure.ofProcessKey(key.strip()).orElseThrow(() -> new IllegalStateException(
                        "'" + key + "' in " + RecoveryVariables.RECOVERY_PROCEDURES + " is not a recovery procedure")))
                .toList();
        int index = RecoveryVariables.number(execution, RecoveryVariables.PROCEDURE_INDEX);
        boolean left = index < procedures.size();
        execution.setVariable(RecoveryVariables.PROCEDURE_LEFT, left);
        if (!left) {
            return;
        }
        List<RecoveryProcedure> done = procedures.subList(0, index);
        execution.setVariable(RecoveryVariables.PROCEDURE_PROCESS_KEY, procedures.get(index).processKey());
        execution.setVariable(RecoveryVariables.PROCEDURE_INDEX, index + 1);
        execution.setVariable(RecoveryVariables.SERVER_REBUILT, done.stream().anyMatch(RecoveryProcedure::rebuildsServer));
        execution.setVariable(RecoveryVariables.SQL_SERVER_INSTALLED, done.stream().anyMatch(RecoveryProcedure::providesSqlServer));
    }
}
