package org.lyncrunbooks.failover;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.lyncrunbooks.workflow.SubmittedValues;
import org.lyncrunbooks.workflow.TaskInputRules;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What people give a pool failover, checked the same way for Tasklist and for REST: the start, the manager's choice
 * between failover and rebuild (nothing chosen for them; choosing the rebuild stops this runbook, so it needs a
 * reason), the operator's way out of a blocked step, and the sign-in confirmation.
 */
@Component
@Order(2)
public class FailoverInputs implements TaskInputRules {

    /** What a start asks for. */
    public record StartRequest(String failedPoolFqdn, String incidentReference) {
    }

    public static StartRequest start(Function<String, Object> variables) {
        SubmittedValues values = new SubmittedValues(variables);
        values.withinLimits(FailoverVariables.TEXT_LIMITS);
        String pool = values.text(FailoverVariables.FAILED_POOL_FQDN, "Failed pool FQDN").orElseThrow(() ->
                new FailoverRefusedException("failedPoolFqdn is required: the FQDN of the Front End pool that failed"));
        return new StartRequest(pool, values.text(FailoverVariables.INCIDENT_REFERENCE, "Incident reference").orElse(null));
    }

    /** A failback's start: the pool that originally homed the users. */
    public static StartRequest failbackStart(Function<String, Object> variables) {
        SubmittedValues values = new SubmittedValues(variables);
        values.withinLimits(FailoverVariables.TEXT_LIMITS);
        String pool = values.text(FailoverVariables.POOL_FQDN, "Pool FQDN").orElseThrow(() ->
                new FailoverRefusedException("poolFqdn is required: the FQDN of the pool whose users are failed over"));
        return new StartRequest(pool, values.text(FailoverVariables.INCIDENT_REFERENCE, "Incident reference").orElse(null));
    }

    @Override
    public Set<String> decisions(String taskDefinitionKey) {
        return switch (taskDefinitionKey) {
            case FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD -> Set.of(FailoverVariables.RECOVERY_CHOICE,
                    FailoverVariables.CHOICE_REASON);
            case FailoverProcess.USER_TASK_RESOLVE_BLOCKED_STEP -> Set.of(FailoverVariables.BLOCK_RESOLUTION,
                    FailoverVariables.STOP_REASON);
            case FailoverProcess.USER_TASK_CONFIRM_SIGN_IN_ON_BACKUP_POOL,
                 FailbackProcess.USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL -> Set.of(FailoverVariables.SIGN_IN_CONFIRMED);
            case FailbackProcess.USER_TASK_DECIDE_CENTRAL_MANAGEMENT_STORE -> Set.of(FailoverVariables.CMS_CHOICE);
            case MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER -> Set.of(MirrorVariables.SQL_SERVER_REBUILT);
            default -> Set.of();
        };
    }

    @Override
    public void check(String taskDefinitionKey, Function<String, Object> variables) {
        SubmittedValues values = new SubmittedValues(variables);
        values.withinLimits(FailoverVariables.TEXT_LIMITS);
        switch (taskDefinitionKey) {
            case FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD -> {
                String choice = values.choice(FailoverVariables.RECOVERY_CHOICE, "Fail over, or rebuild from backups?",
                        List.of(FailoverVariables.CHOICE_FAILOVER, FailoverVariables.CHOICE_REBUILD));
                if (FailoverVariables.CHOICE_REBUILD.equals(choice)) {
                    values.text(FailoverVariables.CHOICE_REASON, "Why rebuild instead of failing over").orElseThrow(() ->
                            new FailoverRefusedException("choosing the rebuild stops this failover: say why in 'Why "
                                    + "rebuild instead of failing over?' (" + FailoverVariables.CHOICE_REASON + ")"));
                }
            }
            case FailoverProcess.USER_TASK_RESOLVE_BLOCKED_STEP -> {
                String resolution = values.choice(FailoverVariables.BLOCK_RESOLUTION, "Retry the step, or stop the failover?",
                        List.of(FailoverVariables.RESOLUTION_RETRY, FailoverVariables.RESOLUTION_STOP));
                if (FailoverVariables.RESOLUTION_STOP.equals(resolution)) {
                    values.text(FailoverVariables.STOP_REASON, "Why stop this failover").orElseThrow(() ->
                            new FailoverRefusedException("stopping leaves the pool's users without service: say why in "
                                    + "'Why stop this failover?' (" + FailoverVariables.STOP_REASON + ")"));
                }
            }
            case FailoverProcess.USER_TASK_CONFIRM_SIGN_IN_ON_BACKUP_POOL -> {
                values.requiredText(FailoverVariables.TEST_USER_SIP_URI, "Test user of the failed pool");
                values.confirmed(FailoverVariables.SIGN_IN_CONFIRMED, "the test user signed in on the backup pool and "
                        + "sees their contacts");
            }
            case FailbackProcess.USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL -> {
                values.requiredText(FailoverVariables.TEST_USER_SIP_URI, "Test user of the pool");
                values.confirmed(FailoverVariables.SIGN_IN_CONFIRMED, "the test user signed in on their home pool and "
                        + "sees their contacts, including what they changed during the failover");
            }
            case FailbackProcess.USER_TASK_DECIDE_CENTRAL_MANAGEMENT_STORE -> values.choice(FailoverVariables.CMS_CHOICE,
                    "Leave the Central Management store in the backup pool, or fail it back to the home pool?",
                    List.of(FailoverVariables.CMS_CHOICE_LEAVE, FailoverVariables.CMS_CHOICE_FAIL_BACK));
            case MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER -> values.confirmed(
                    MirrorVariables.SQL_SERVER_REBUILT, "the lost server is rebuilt with the same FQDN and SQL Server "
                            + "installed with the same instance name, holding no Lync database");
            default -> {
                // the other tasks ask for no decision
            }
        }
    }
}
