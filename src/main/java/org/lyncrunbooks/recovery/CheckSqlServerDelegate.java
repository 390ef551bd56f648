package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_CheckSqlServer}: reachable, SQL Server 2008 R2, 2012 or 2014, no Lync data yet. */
@Component
class CheckSqlServerDelegate implements JavaDelegate {

    private final RecoveryService service;

    CheckSqlServerDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecoveryService.CheckResult result = service.checkSqlServer(RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN));
        execution.setVariable(RecoveryVariables.SQL_SERVER_READY, result.passed());
        execution.setVariable(RecoveryVariables.SQL_CHECK_FAILURE, RecoveryVariables.text(result.reason()));
    }
}
