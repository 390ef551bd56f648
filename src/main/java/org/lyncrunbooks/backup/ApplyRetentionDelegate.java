package org.lyncrunbooks.backup;

import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_ApplyRetention}. The sets of backup runs that still exist in the engine (on any
 * node) are passed on, so that their {@code .partial} folders are never removed. The engine's own meter log is
 * pruned here too: Camunda writes it every 15 minutes and never removes it, and its history cleanup does not cover
 * it, so without this it would grow for as long as the application runs.
 */
@Component
class ApplyRetentionDelegate implements JavaDelegate {

    private final BackupService service;

    ApplyRetentionDelegate(BackupService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Set<String> activeRuns = execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(BackupProcess.KEY)
                .list().stream()
                .map(ProcessInstance::getBusinessKey)
                .filter(key -> key != null)
                .collect(Collectors.toSet());
        service.applyRetention(activeRuns);
        execution.getProcessEngineServices().getManagementService()
                .deleteMetrics(Date.from(service.engineMetricsCutoff()));
    }
}
