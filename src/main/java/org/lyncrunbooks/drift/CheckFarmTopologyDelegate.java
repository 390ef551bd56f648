package org.lyncrunbooks.drift;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_CheckFarmTopology} of {@code lync-backup-cycle}: after the set is published, checks
 * the farm's topology against the file and records what it found on the run. Never throws: the set is already good.
 */
@Component
class CheckFarmTopologyDelegate implements JavaDelegate {

    private final TopologyDriftService service;

    CheckFarmTopologyDelegate(TopologyDriftService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DriftReport report = service.check("backup run " + execution.getProcessBusinessKey());
        TopologyDriftVariables.setBackupRunCheck(execution, report.summary());
    }
}
