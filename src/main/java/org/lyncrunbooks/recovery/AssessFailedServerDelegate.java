package org.lyncrunbooks.recovery;

import java.util.Date;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_AssessFailedServer}. It runs in the start transaction, so a refusal (a missing or
 * malformed value, an unknown server, a recovery of the same server already running, a server that still answers
 * without a reason to rebuild it, a missing or unpublished set) fails the start and leaves no instance behind. The
 * failed server's FQDN, as the topology spells it, becomes the business key. No decision variable is set here: the
 * people decide them on their tasks.
 */
@Component
class AssessFailedServerDelegate implements JavaDelegate {

    private final RecoveryService service;
    private final RecoveryProperties properties;

    AssessFailedServerDelegate(RecoveryService service, RecoveryProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecoveryInputs.StartRequest request = RecoveryInputs.start(execution::getVariable);
        Date incidentTime = request.incidentTime() == null ? new Date() : Date.from(request.incidentTime());
        RecoveryService.Assessment assessment = service.start(request);
        RecoveryPlan plan = assessment.plan();
        execution.setProcessBusinessKey(plan.failedServerFqdn());
        execution.setVariable(RecoveryVariables.FAILED_SERVER_FQDN, plan.failedServerFqdn());
        execution.setVariable(RecoveryVariables.INCIDENT_TIME, incidentTime);
        execution.setVariable(RecoveryVariables.RECOVERY_ID, execution.getProcessInstanceId());
        execution.setVariable(RecoveryVariables.RECOVERY_STARTED_AT, new Date());
        execution.setVariable(RecoveryVariables.ESCALATE_AFTER, properties.escalateAfter().toString());
        execution.setVariable(RecoveryVariables.RECOVERY_PROCEDURE, plan.procedure().code());
        execution.setVariable(RecoveryVariables.PROCEDURE_TITLE, plan.procedure().code() + ": " + plan.procedure().title());
        execution.setVariable(RecoveryVariables.PROCEDURE_NAME, plan.procedure().title());
        execution.setVariable(RecoveryVariables.PROCEDURE_PROCESS_KEY, plan.procedure().processKey());
        execution.setVariable(RecoveryVariables.SERVER_ROLE, plan.role());
        execution.setVariable(RecoveryVariables.POOL_FQDN, plan.pool().map(Pool::fqdn).orElse(null));
        execution.setVariable(RecoveryVariables.POOL_SERVERS, plan.pool().map(p -> String.join(", ", p.servers())).orElse(null));
        execution.setVariable(RecoveryVariables.SQL_INSTANCES, plan.sqlStores().stream().map(s -> s.ref().display())
                .collect(Collectors.joining(", ")));
        execution.setVariable(RecoveryVariables.FILE_STORE_NAME, plan.fileStore().map(f -> f.name()).orElse(null));
        execution.setVariable(RecoveryVariables.FILE_STORE_UNC, plan.fileStore().map(f -> f.unc()).orElse(null));
        RecoverySetVariables.write(execution, assessment);
        execution.setVariable(RecoveryVariables.CERTIFICATES_NEEDED, plan.pool().isPresent());
        execution.setVariable(RecoveryVariables.CMS_ON_STANDARD_EDITION, plan.centralManagementStoreOnStandardEdition());
        execution.setVariable(RecoveryVariables.RESPONSE_GROUP_USED, plan.restoresResponseGroup());
        execution.setVariable(RecoveryVariables.MONITORING_ARCHIVING_HERE, plan.holdsMonitoringOrArchiving());
        execution.setVariable(RecoveryVariables.EDGE_SERVER, plan.pool().map(p -> p.kind() == PoolKind.EDGE).orElse(false));
        execution.setVariable(RecoveryVariables.PERSISTENT_CHAT_BY_SQL, plan.pool()
                .map(p -> p.persistentChatBackup() == Pool.PersistentChatBackup.SQL).orElse(false)
                && plan.sqlStores().stream().anyMatch(s -> s.holds(LyncDatabase.MGC)));
    }
}
