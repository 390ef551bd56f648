package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_CheckSqlServer}: reachable, SQL Server 2008 R2, 2012 or 2014, no Lync data yet. An instance
 * that already holds Lync data is flagged apart: installing SQL Server again cannot fix that, so the process offers
 * the way back to a clean server instead of the installation task.
 */
@Component
class CheckSqlServerDelegate implements JavaDelegate {

    private final RecoveryService service;

    CheckSqlServerDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecoveryService.CheckResult result = service.checkSqlServer(RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN));
        RecoveryVariables.writeSqlServerCheck(execution, result);
    }
}
