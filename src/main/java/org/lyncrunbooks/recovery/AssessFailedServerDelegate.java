package org.lyncrunbooks.recovery;

import java.util.Date;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.RecoveryProcedure;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_AssessFailedServer}. It runs in the start transaction, so a refusal (unknown server,
 * missing or unpublished set) fails the start and leaves no instance behind. The failed server's FQDN becomes the
 * business key.
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
        String fqdn = RecoveryVariables.optionalString(execution, RecoveryVariables.FAILED_SERVER_FQDN)
                .orElseThrow(() -> new RecoveryRefusedException("failedServerFqdn is required: the FQDN of the server that failed"));
        Date incidentTime = RecoveryVariables.optionalDate(execution, RecoveryVariables.INCIDENT_TIME).orElseGet(Date::new);
        RecoveryService.Assessment assessment = service.assess(fqdn,
                RecoveryVariables.optionalString(execution, RecoveryVariables.BACKUP_SET_ID).orElse(null));
        RecoveryPlan plan = assessment.plan();
        execution.setProcessBusinessKey(plan.failedServerFqdn());
        execution.setVariable(RecoveryVariables.FAILED_SERVER_FQDN, plan.failedServerFqdn());
        execution.setVariable(RecoveryVariables.INCIDENT_TIME, incidentTime);
        execution.setVariable(RecoveryVariables.RECOVERY_ID, execution.getProcessInstanceId());
        execution.setVariable(RecoveryVariables.RECOVERY_STARTED_AT, new Date());
        execution.setVariable(RecoveryVariables.ESCALATE_AFTER, properties.escalateAfter().toString());
        execution.setVariable(RecoveryVariables.RECOVERY_PROCEDURE, plan.codes());
        execution.setVariable(RecoveryVariables.PROCEDURE_TITLE, plan.titles());
        execution.setVariable(RecoveryVariables.PROCEDURE_PROCESS_KEY, plan.procedure().processKey());
        execution.setVariable(RecoveryVariables.RECOVERY_PROCEDURES, plan.procedures().stream()
                .map(RecoveryProcedure::processKey).collect(Collectors.joining(",")));
        execution.setVariable(RecoveryVariables.PROCEDURE_INDEX, 0);
        execution.setVariable(RecoveryVariables.SERVER_REBUILT, false);
        execution.setVariable(RecoveryVariables.SQL_SERVER_INSTALLED, false);
        execution.setVariable(RecoveryVariables.SERVER_ROLE, plan.role());
        execution.setVariable(RecoveryVariables.POOL_FQDN, plan.pool().map(Pool::fqdn).orElse(null));
        execution.setVariable(RecoveryVariables.POOL_SERVERS, plan.pool().map(p -> String.join(", ", p.servers())).orElse(null));
        execution.setVariable(RecoveryVariables.SQL_INSTANCES, plan.sqlStores().stream().map(s -> s.ref().display())
                .collect(Collectors.joining(", ")));
        execution.setVariable(RecoveryVariables.FILE_STORE_NAME, plan.fileStore().map(f -> f.name()).orElse(null));
        execution.setVariable(RecoveryVariables.FILE_STORE_UNC, plan.fileStore().map(f -> f.unc()).orElse(null));
        RecoverySetVariables.write(execution, assessment);
        execution.setVariable(RecoveryVariables.CERTIFICATES_NEEDED, plan.needsLyncCertificate());
        execution.setVariable(RecoveryVariables.CERTIFICATE_NAMES, String.join(", ", assessment.certificateNames()));
        execution.setVariable(RecoveryVariables.EXTERNAL_CERTIFICATE_NAMES, String.join(", ",
                plan.externalCertificateNames()));
        execution.setVariable(RecoveryVariables.CMS_ON_STANDARD_EDITION, plan.centralManagementStoreOnStandardEdition());
        execution.setVariable(RecoveryVariables.RESPONSE_GROUP_USED, plan.restoresResponseGroup());
        execution.setVariable(RecoveryVariables.MONITORING_ARCHIVING_HERE, plan.holdsMonitoringOrArchiving());
        execution.setVariable(RecoveryVariables.EDGE_SERVER, plan.edgeServer());
        execution.setVariable(RecoveryVariables.PERSISTENT_CHAT_BY_SQL, plan.pool()
                .map(p -> p.persistentChatBackup() == Pool.PersistentChatBackup.SQL).orElse(false)
                && plan.sqlStores().stream().anyMatch(s -> s.holds(LyncDatabase.MGC)));
        execution.setVariable(RecoveryVariables.OVERRIDE_APPROVED, false);
        execution.setVariable(RecoveryVariables.DATA_LOSS_APPROVED, false);
    }
}
