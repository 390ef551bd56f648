package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.lyncrunbooks.workflow.SubmittedValues;
import org.lyncrunbooks.workflow.TaskInputRules;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What people give a recovery, checked the same way for Tasklist and for REST: the start (types, lengths, a date
 * that is a date), and each task's decisions and evidence when it is completed. No decision is taken for anyone —
 * a completion without one is refused — and a decision that stops the recovery needs its reason. A pasted private
 * key is refused before it is stored anywhere.
 */
@Component
@Order(1)
public class RecoveryInputs implements TaskInputRules {

    /** The two SQL Server versions the installation form offers (R4, R5). */
    static final List<String> SQL_VERSIONS = List.of("2012", "2008 R2");
    /** The way back when the SQL Server instance on the rebuilt server already holds Lync data. */
    static final String REBUILD_SERVER = "rebuild-server";
    static final String CHECK_AGAIN = "check-again";

    /**
     * What a start asks for.
     *
     * @param incidentTime        when the server failed, or null for "now"
     * @param rebuildAnywayReason why a server that still answers is recovered anyway, or null
     */
    public record StartRequest(String failedServerFqdn, String backupSetId, String incidentReference,
                               Instant incidentTime, String rebuildAnywayReason, String partOf) {

        public StartRequest(String failedServerFqdn, String backupSetId, String incidentReference, Instant incidentTime,
                            String rebuildAnywayReason) {
            this(failedServerFqdn, backupSetId, incidentReference, incidentTime, rebuildAnywayReason, null);
        }

        /**
         * The same request as part of the pool recovery {@code poolRecoveryId}: the checks of running recoveries do not
         * count the pool recovery that asks for this one.
         */
        public StartRequest partOf(String poolRecoveryId) {
            return new StartRequest(failedServerFqdn, backupSetId, incidentReference, incidentTime, rebuildAnywayReason,
                    poolRecoveryId);
        }

        /** Whether {@code running} is another recovery than the pool recovery this one is part of. */
        boolean other(RunningRecoveries.Running running) {
            return partOf == null || !partOf.equals(running.recoveryId());
        }
    }

    /**
     * What a pool recovery's start asks for (R9).
     *
     * @param lostServers the servers lost, as given (empty: the servers of the pool that do not answer)
     * @param everyServer every server of the pool is lost
     */
    public record PoolStartRequest(String poolFqdn, List<String> lostServers, boolean everyServer, String backupSetId,
                                   String incidentReference, Instant incidentTime, String rebuildAnywayReason) {

        public PoolStartRequest {
            lostServers = lostServers == null ? List.of() : List.copyOf(lostServers);
        }

        /** The request for one of the pool's servers. */
        StartRequest server(String fqdn) {
            return new StartRequest(fqdn, backupSetId, incidentReference, incidentTime, rebuildAnywayReason);
        }
    }

    /**
     * Reads a pool recovery's start.
     *
     * @throws RecoveryRefusedException naming the missing, mistyped or over-long value
     */
    public static PoolStartRequest poolStart(Function<String, Object> variables) {
        SubmittedValues values = values(variables);
        values.withinLimits(RecoveryVariables.TEXT_LIMITS);
        String pool = values.text(RecoveryVariables.POOL_FQDN, "Pool FQDN").orElseThrow(() ->
                new RecoveryRefusedException("poolFqdn is required: the FQDN of the pool that lost servers"));
        List<String> lost = values.text(RecoveryVariables.LOST_SERVERS, "Servers lost")
                .map(text -> java.util.Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList())
                .orElse(List.of());
        Object every = variables.apply(RecoveryVariables.EVERY_SERVER_LOST);
        if (every != null && !(every instanceof Boolean) && !"true".equals(every.toString()) && !"false".equals(every.toString())) {
            throw new RecoveryRefusedException(RecoveryVariables.EVERY_SERVER_LOST + " must be true or false, not "
                    + SubmittedValues.describe(every));
        }
        return new PoolStartRequest(pool, lost, every != null && Boolean.parseBoolean(every.toString()),
                values.text(RecoveryVariables.BACKUP_SET_ID, "Backup set").orElse(null),
                values.text(RecoveryVariables.INCIDENT_REFERENCE, "Incident reference").orElse(null),
                RecoveryVariables.date(variables.apply(RecoveryVariables.INCIDENT_TIME), RecoveryVariables.INCIDENT_TIME)
                        .map(java.util.Date::toInstant).orElse(null),
                values.text(RecoveryVariables.REBUILD_ANYWAY_REASON, "Reason to recover a server that still answers")
                        .orElse(null));
    }

    /**
     * Reads a start's variables.
     *
     * @throws RecoveryRefusedException naming the missing, mistyped or over-long value
     */
    public static StartRequest start(Function<String, Object> variables) {
        SubmittedValues values = values(variables);
        values.withinLimits(RecoveryVariables.TEXT_LIMITS);
        String fqdn = values.text(RecoveryVariables.FAILED_SERVER_FQDN, "Failed server FQDN").orElseThrow(() ->
                new RecoveryRefusedException("failedServerFqdn is required: the FQDN of the server that failed"));
        return new StartRequest(fqdn,
                values.text(RecoveryVariables.BACKUP_SET_ID, "Backup set").orElse(null),
                values.text(RecoveryVariables.INCIDENT_REFERENCE, "Incident reference").orElse(null),
                RecoveryVariables.date(variables.apply(RecoveryVariables.INCIDENT_TIME), RecoveryVariables.INCIDENT_TIME)
                        .map(java.util.Date::toInstant).orElse(null),
                values.text(RecoveryVariables.REBUILD_ANYWAY_REASON, "Reason to recover a server that still answers")
                        .orElse(null));
    }

    @Override
    public Set<String> decisions(String taskDefinitionKey) {
        return switch (taskDefinitionKey) {
            case RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW -> Set.of(RecoveryVariables.DATA_LOSS_APPROVED,
                    RecoveryVariables.APPROVAL_NOTE, RecoveryVariables.NOT_APPROVED_REASON);
            case RecoveryProcess.RestoreFileStore.USER_TASK_DECIDE_TARGET_OVERRIDE -> Set.of(
                    RecoveryVariables.OVERRIDE_APPROVED, RecoveryVariables.OVERRIDE_REASON);
            case RecoveryProcess.InstallSqlServer.USER_TASK_RESOLVE_SQL_INSTANCE -> Set.of(
                    RecoveryVariables.SQL_INSTANCE_RESOLUTION);
            case RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER -> Set.of(
                    RecoveryVariables.SQL_VERSION_INSTALLED);
            default -> Set.of();
        };
    }

    @Override
    public void check(String taskDefinitionKey, Function<String, Object> variables) {
        SubmittedValues values = values(variables);
        values.withinLimits(RecoveryVariables.TEXT_LIMITS);
        switch (taskDefinitionKey) {
            case RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW -> {
                if (!values.decision(RecoveryVariables.DATA_LOSS_APPROVED,
                        "Do you approve the data-loss window (restore from this set)?")) {
                    values.text(RecoveryVariables.NOT_APPROVED_REASON, "Why stop this recovery").orElseThrow(() ->
                            new RecoveryRefusedException("not approving stops this recovery: say why in 'Why stop this "
                                    + "recovery?' (" + RecoveryVariables.NOT_APPROVED_REASON + ")"));
                }
            }
            case RecoveryProcess.RestoreFileStore.USER_TASK_DECIDE_TARGET_OVERRIDE -> {
                if (values.decision(RecoveryVariables.OVERRIDE_APPROVED,
                        "Do you approve replacing the data in the target with the backup?")) {
                    values.text(RecoveryVariables.OVERRIDE_REASON, "Reason").orElseThrow(() ->
                            new RecoveryRefusedException("an override replaces data: say why in 'Reason' ("
                                    + RecoveryVariables.OVERRIDE_REASON + ")"));
                }
            }
            case RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER -> values.choice(
                    RecoveryVariables.SQL_VERSION_INSTALLED, "Which SQL Server version did you install?", SQL_VERSIONS);
            case RecoveryProcess.InstallSqlServer.USER_TASK_RESOLVE_SQL_INSTANCE -> values.choice(
                    RecoveryVariables.SQL_INSTANCE_RESOLUTION, "How do you clear the way for SQL Server?",
                    List.of(REBUILD_SERVER, CHECK_AGAIN));
            case RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER -> values.confirmed(
                    RecoveryVariables.SAME_FQDN_CONFIRMED, "the computer has exactly the FQDN and its AD computer "
                            + "account was kept");
            case RecoveryProcess.RebuildServer.USER_TASK_RESTORE_CERTIFICATES -> certificate(values);
            case RecoveryProcess.USER_TASK_CHOOSE_ANOTHER_BACKUP_SET -> values.requiredText(
                    RecoveryVariables.BACKUP_SET_ID, "Backup set to use");
            case RecoveryProcess.USER_TASK_CONFIRM_SERVICES_AND_SIGN_IN -> {
                values.confirmed(RecoveryVariables.SERVICES_CONFIRMED, "all Lync services are running");
                values.confirmed(RecoveryVariables.SIGN_IN_CONFIRMED, "a test user signed in and sees their contacts");
                values.requiredText(RecoveryVariables.TEST_USER_SIP_URI, "Test user");
            }
            default -> {
                // the other tasks ask for no decision; their texts are within their limits (above)
            }
        }
    }

    /** The pasted certificate is the public part only: a private key is never taken, so it is never stored. */
    private static void certificate(SubmittedValues values) {
        values.requiredText(RecoveryVariables.CERTIFICATE_THUMBPRINT, "Thumbprint");
        String pem = values.requiredText(RecoveryVariables.CERTIFICATE_PEM, "Certificate");
        if (pem.toUpperCase(Locale.ROOT).contains("PRIVATE KEY")) {
            throw new RecoveryRefusedException("never paste the private key: the certificate field takes the "
                    + "certificate's public part only (Base-64 .cer, -----BEGIN CERTIFICATE-----). Nothing was kept; "
                    + "paste the certificate without its key.");
        }
    }

    private static SubmittedValues values(Function<String, Object> variables) {
        return new SubmittedValues(variables);
    }
}
