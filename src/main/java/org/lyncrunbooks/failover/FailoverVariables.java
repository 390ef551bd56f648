package org.lyncrunbooks.failover;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of {@code lync-pool-failover}, read and written in one place: the start's references, what the
 * assessment found for the forms, the people's decisions, and where a blocked step stands.
 */
public final class FailoverVariables {

    // start form and REST start
    public static final String FAILED_POOL_FQDN = "failedPoolFqdn";
    public static final String INCIDENT_REFERENCE = "incidentReference";

    // the failback's start: the pool that originally homed the users (-PoolFqdn names it in both directions, H11)
    public static final String POOL_FQDN = "poolFqdn";

    // the assessment
    public static final String FAILOVER_ID = "failoverId";
    public static final String BACKUP_POOL_FQDN = "backupPoolFqdn";
    public static final String FAILED_SITE = "failedSite";
    public static final String EDGE_POOLS = "edgePools";
    public static final String FAILOVER_STARTED_AT = "failoverStartedAt";
    /** What the Backup Service last copied from the failed pool into its backup pool, and its state. */
    public static final String LAST_SYNC_AT = "lastSyncAt";
    public static final String BACKUP_SERVICE_STATUS = "backupServiceStatus";
    /** The newest published backup set, which a rebuild would restore from, and its completion. */
    public static final String BACKUP_SET_ID = "backupSetId";
    public static final String SET_COMPLETED_AT = "setCompletedAt";
    /** The two data-loss windows in words, side by side on the manager's form. */
    public static final String FAILOVER_DATA_LOSS = "failoverDataLoss";
    public static final String REBUILD_DATA_LOSS = "rebuildDataLoss";

    // the manager's decision
    public static final String RECOVERY_CHOICE = "recoveryChoice";
    public static final String CHOICE_REASON = "choiceReason";
    public static final String CHOICE_FAILOVER = "failover";
    public static final String CHOICE_REBUILD = "rebuild";

    // the Central Management store
    public static final String CMS_POOL_FQDN = "cmsPoolFqdn";
    public static final String CMS_FAILOVER_NEEDED = "cmsFailoverNeeded";
    /** At failback: the failover moved the store away from the pool being failed back, which was its home. */
    public static final String CMS_AWAY_FROM_HOME = "cmsAwayFromHome";
    /** At failback: the operator's answer, where the store stays (H4: failing it back is not needed). */
    public static final String CMS_CHOICE = "cmsChoice";
    public static final String CMS_CHOICE_LEAVE = "leave";
    public static final String CMS_CHOICE_FAIL_BACK = "failBack";
    public static final String CMS_FAILED_BACK_AT = "cmsFailedBackAt";

    // a blocked step
    public static final String BLOCKED_STEP = "blockedStep";
    public static final String BLOCK_REASON = "blockReason";
    public static final String BLOCK_RESOLUTION = "blockResolution";
    public static final String RESOLUTION_RETRY = "retry";
    public static final String RESOLUTION_STOP = "stop";
    public static final String STOP_REASON = "stopReason";

    // the operator's confirmation
    public static final String TEST_USER_SIP_URI = "testUserSipUri";
    public static final String SIGN_IN_CONFIRMED = "signInConfirmed";
    public static final String POOL_FAILED_OVER_AT = "poolFailedOverAt";
    /** When the failover proper started: the manager's decision (Microsoft's RTO counts from here, H3). */
    public static final String FAILOVER_DECIDED_AT = "failoverDecidedAt";
    public static final String CMS_FAILOVER_STARTED_AT = "cmsFailoverStartedAt";
    public static final String CMS_FAILED_OVER_AT = "cmsFailedOverAt";
    public static final String POOL_FAILED_BACK_AT = "poolFailedBackAt";

    public static final Map<String, Integer> TEXT_LIMITS = Map.of(FAILED_POOL_FQDN, 253, POOL_FQDN, 253,
            INCIDENT_REFERENCE, 100,
            CHOICE_REASON, 1000, STOP_REASON, 1000, TEST_USER_SIP_URI, 200);

    private FailoverVariables() {
    }

    static String requireString(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalStateException("process variable '" + name + "' is missing; the failover's assessment "
                    + "sets it");
        }
        return s;
    }

    static String string(VariableScope scope, String name) {
        return scope.getVariable(name) instanceof String s && !s.isBlank() ? s : null;
    }

    static void writeAssessment(DelegateExecution execution, FailoverService.Assessment assessment) {
        execution.setVariable(FAILOVER_ID, execution.getProcessInstanceId());
        execution.setVariable(FAILED_POOL_FQDN, assessment.failedPoolFqdn());
        execution.setVariable(BACKUP_POOL_FQDN, assessment.backupPoolFqdn());
        execution.setVariable(FAILED_SITE, assessment.site());
        execution.setVariable(EDGE_POOLS, assessment.edgePools().isEmpty() ? "none"
                : String.join(", ", assessment.edgePools()));
        execution.setVariable(FAILOVER_STARTED_AT, new Date());
    }

    static void writeFailbackAssessment(DelegateExecution execution, FailoverService.Assessment assessment) {
        execution.setVariable(FAILOVER_ID, execution.getProcessInstanceId());
        execution.setVariable(POOL_FQDN, assessment.failedPoolFqdn());
        execution.setVariable(BACKUP_POOL_FQDN, assessment.backupPoolFqdn());
        execution.setVariable(FAILOVER_STARTED_AT, new Date());
    }

    static void writeSituation(DelegateExecution execution, FailoverService.Situation situation, Instant now) {
        execution.setVariable(LAST_SYNC_AT, date(situation.lastSyncAt()));
        execution.setVariable(BACKUP_SERVICE_STATUS, situation.backupServiceStatus());
        execution.setVariable(BACKUP_SET_ID, situation.setId());
        execution.setVariable(SET_COMPLETED_AT, date(situation.setCompletedAt()));
        execution.setVariable(FAILOVER_DATA_LOSS, situation.lastSyncAt() == null
                ? "unknown: the backup pool reports no copy of the failed pool's data"
                : "data changed after " + second(situation.lastSyncAt()) + " (" + ago(situation.lastSyncAt(), now)
                + " before this assessment), the Backup Service's last copy into the backup pool ("
                + situation.backupServiceStatus() + ")");
        execution.setVariable(REBUILD_DATA_LOSS, situation.setCompletedAt() == null
                ? "everything: there is no published backup set to rebuild from"
                : "data changed after " + second(situation.setCompletedAt()) + " (" + ago(situation.setCompletedAt(), now)
                + " before this assessment), the completion of backup set " + situation.setId()
                + "; the pool is down until it is rebuilt");
    }

    static void writeCentralManagementStore(DelegateExecution execution, FailoverService.CmsLocation location) {
        execution.setVariable(CMS_POOL_FQDN, location.cmsPoolFqdn());
        execution.setVariable(CMS_FAILOVER_NEEDED, location.failoverNeeded());
    }

    /** Records which step is blocked and why, then raises the error the process routes to the operator. */
    static BpmnError blocked(DelegateExecution execution, FailoverStepBlockedException e) {
        execution.setVariable(BLOCKED_STEP, execution.getCurrentActivityId());
        execution.setVariable(BLOCK_REASON, e.getMessage());
        return new BpmnError(FailoverProcess.ERROR_STEP_BLOCKED, e.getMessage());
    }

    static void writePoolFailedOver(DelegateExecution execution, Instant at) {
        execution.setVariable(POOL_FAILED_OVER_AT, Date.from(at));
    }

    /** Sets {@code name} to {@code at} unless a retry of the step set it before. */
    static void writeOnce(DelegateExecution execution, String name, Instant at) {
        if (execution.getVariable(name) == null) {
            execution.setVariable(name, Date.from(at));
        }
    }

    static void write(DelegateExecution execution, String name, Instant at) {
        execution.setVariable(name, Date.from(at));
    }

    private static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    static String second(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.isNegative()) {
            return "0 min";
        }
        long minutes = d.toMinutes();
        return minutes < 120 ? minutes + " min" : d.toHours() + " h " + (minutes % 60) + " min";
    }
}
