package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code ServiceTask_RecordSetupDatabases}: what Prepare first Standard Edition server wrote into the CMS. */
@Component
class RecordSetupDatabasesDelegate implements JavaDelegate {

    private final RecoveryService service;

    RecordSetupDatabasesDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.recordSetupDatabases(RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID),
                RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN));
    }
}
