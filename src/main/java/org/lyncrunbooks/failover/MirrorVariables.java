package org.lyncrunbooks.failover;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of {@code lync-recovery-mirror}, read and written in one place: the start's references, what the
 * assessment found (the two sides, the witness, the database types), and where the runbook stands. A blocked step uses
 * {@link FailoverVariables#BLOCKED_STEP}, {@link FailoverVariables#BLOCK_REASON} and the resolution variables of the
 * failover runbooks.
 */
public final class MirrorVariables {

    // start form and REST start
    public static final String POOL_FQDN = FailoverVariables.POOL_FQDN;
    public static final String LOST_SQL_SERVER_FQDN = "lostSqlServerFqdn";
    public static final String INCIDENT_REFERENCE = FailoverVariables.INCIDENT_REFERENCE;

    // the assessment
    public static final String MIRROR_RECOVERY_ID = "mirrorRecoveryId";
    public static final String BACK_END = "backEnd";
    /** "Primary" (the topology's SQL store) or "Mirror": which side was lost, and which survives. */
    public static final String LOST_SIDE = "lostSide";
    public static final String SURVIVING_SIDE = "survivingSide";
    public static final String SURVIVING_SQL_SERVER_FQDN = "survivingSqlServerFqdn";
    public static final String SQL_INSTANCE_NAME = "sqlInstanceName";
    public static final String WITNESS = "witness";
    public static final String DATABASE_TYPES = "databaseTypes";
    public static final String MIRROR_RECOVERY_STARTED_AT = "mirrorRecoveryStartedAt";

    // the farm's mirror state
    public static final String DATABASE_FAILOVER_NEEDED = "databaseFailoverNeeded";
    public static final String FAILED_OVER_BY_WITNESS = "failedOverByWitness";
    public static final String MIRROR_STATE = "mirrorState";
    public static final String DATABASES_FAILED_OVER_AT = "databasesFailedOverAt";

    // the rebuild
    public static final String SQL_SERVER_REBUILT = "sqlServerRebuilt";
    public static final String REBUILT_SQL_SERVER_CLEAN = "rebuiltSqlServerClean";
    public static final String REBUILD_REFUSAL = "rebuildRefusal";

    // the mirror
    public static final String MIRROR_SYNCHRONIZED = "mirrorSynchronized";
    public static final String SYNCHRONIZATION_CHECKS = "synchronizationChecks";
    public static final String CHECK_INTERVAL = "mirrorCheckInterval";
    public static final String MIRROR_REESTABLISHED_AT = "mirrorReestablishedAt";

    public static final Map<String, Integer> TEXT_LIMITS = Map.of(POOL_FQDN, 253, LOST_SQL_SERVER_FQDN, 253,
            INCIDENT_REFERENCE, 100, FailoverVariables.STOP_REASON, 1000);

    private MirrorVariables() {
    }

    static String requireString(VariableScope scope, String name) {
        return FailoverVariables.requireString(scope, name);
    }

    @SuppressWarnings("unchecked")
    static List<String> databaseTypes(VariableScope scope) {
        Object value = scope.getVariable(DATABASE_TYPES);
        if (value instanceof String s && !s.isBlank()) {
            return List.of(s.split(",\\s*"));
        }
        throw new IllegalStateException("process variable '" + DATABASE_TYPES + "' is missing; the mirror runbook's "
                + "assessment sets it");
    }

    static void writeAssessment(DelegateExecution execution, MirrorRecoveryService.Assessment a, String checkInterval) {
        execution.setVariable(MIRROR_RECOVERY_ID, execution.getProcessInstanceId());
        execution.setVariable(POOL_FQDN, a.poolFqdn());
        execution.setVariable(BACK_END, a.backEnd());
        execution.setVariable(LOST_SQL_SERVER_FQDN, a.lostSqlServerFqdn());
        execution.setVariable(LOST_SIDE, a.lostSide());
        execution.setVariable(SURVIVING_SIDE, a.survivingSide());
        execution.setVariable(SURVIVING_SQL_SERVER_FQDN, a.survivingSqlServerFqdn());
        execution.setVariable(SQL_INSTANCE_NAME, a.sqlInstanceName());
        execution.setVariable(WITNESS, a.witness().isEmpty() ? "none" : a.witness());
        execution.setVariable(DATABASE_TYPES, String.join(", ", a.databaseTypes()));
        execution.setVariable(SYNCHRONIZATION_CHECKS, 0);
        execution.setVariable(CHECK_INTERVAL, checkInterval);
        execution.setVariable(MIRROR_RECOVERY_STARTED_AT, new Date());
    }

    static void writeState(DelegateExecution execution, MirrorRecoveryService.MirrorState state) {
        execution.setVariable(DATABASE_FAILOVER_NEEDED, state.failoverNeeded());
        execution.setVariable(FAILED_OVER_BY_WITNESS, state.failedOverByWitness());
        execution.setVariable(MIRROR_STATE, state.summary());
    }
}
