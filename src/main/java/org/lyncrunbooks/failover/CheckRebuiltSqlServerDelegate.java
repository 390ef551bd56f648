package org.lyncrunbooks.failover;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_CheckRebuiltSqlServer} (the rebuilt server answers and is clean). */
@Component
class CheckRebuiltSqlServerDelegate implements JavaDelegate {

    private final MirrorRecoveryService service;

    CheckRebuiltSqlServerDelegate(MirrorRecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        java.util.Optional<String> refusal = service.rebuiltSqlServerRefusal(
                MirrorVariables.requireString(execution, MirrorVariables.BACK_END),
                MirrorVariables.requireString(execution, MirrorVariables.LOST_SQL_SERVER_FQDN),
                MirrorVariables.requireString(execution, MirrorVariables.SQL_INSTANCE_NAME));
        execution.setVariable(MirrorVariables.REBUILT_SQL_SERVER_CLEAN, refusal.isEmpty());
        execution.setVariable(MirrorVariables.REBUILD_REFUSAL, refusal.orElse(null));
        // the DBA confirms again after the next rebuild: nothing of this confirmation is carried over
        execution.removeVariable(MirrorVariables.SQL_SERVER_REBUILT);
    }
}
