package org.lyncrunbooks.recovery;

import org.lyncrunbooks.secrets.Redaction;

import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of {@code lync-server-recovery} and its procedure processes, read and written in one place. They
 * are references (the failed server, the backup set, the recovery id), decision flags for the gateways, the
 * evidence people give, and display texts for the forms; everything else is re-derived from the topology and
 * the set.
 */
public final class RecoveryVariables {

    // start form and REST start
    public static final String FAILED_SERVER_FQDN = "failedServerFqdn";
    public static final String BACKUP_SET_ID = "backupSetId";
    public static final String INCIDENT_REFERENCE = "incidentReference";
    public static final String INCIDENT_TIME = "incidentTime";

    // written by the assessment
    public static final String RECOVERY_ID = "recoveryId";
    public static final String RECOVERY_PROCEDURE = "recoveryProcedure";
    public static final String PROCEDURE_TITLE = "procedureTitle";
    public static final String PROCEDURE_PROCESS_KEY = "procedureProcessKey";
    public static final String SERVER_ROLE = "serverRole";
    public static final String POOL_FQDN = "poolFqdn";
    public static final String POOL_SERVERS = "poolServers";
    public static final String SQL_INSTANCES = "sqlInstances";
    public static final String FILE_STORE_NAME = "fileStoreName";
    public static final String FILE_STORE_UNC = "fileStoreUnc";
    public static final String SET_COMPLETED_AT = "setCompletedAt";
    public static final String SET_SERVER_PATH = "setServerPath";
    public static final String RECOVERY_STARTED_AT = "recoveryStartedAt";
    public static final String ESCALATE_AFTER = "escalateAfter";
    public static final String CERTIFICATES_NEEDED = "certificatesNeeded";
    public static final String CMS_ON_STANDARD_EDITION = "cmsOnStandardEdition";
    public static final String RESPONSE_GROUP_USED = "responseGroupUsed";
    public static final String MONITORING_ARCHIVING_HERE = "monitoringArchivingHere";
    public static final String EDGE_SERVER = "edgeServer";
    public static final String PERSISTENT_CHAT_BY_SQL = "persistentChatBySql";

    // the set
    public static final String SET_PROBLEM = "setProblem";

    // evidence and checks
    public static final String SAME_FQDN_CONFIRMED = "sameFqdnConfirmed";
    public static final String SERVER_IP_ADDRESS = "serverIpAddress";
    public static final String SERVER_IDENTITY_CONFIRMED = "serverIdentityConfirmed";
    public static final String IDENTITY_CHECK_FAILURE = "identityCheckFailure";
    public static final String CERTIFICATE_THUMBPRINT = "certificateThumbprint";
    public static final String CERTIFICATE_PEM = "certificatePem";
    public static final String CERTIFICATE_VALID = "certificateValid";
    public static final String CERTIFICATE_CHECK_FAILURE = "certificateCheckFailure";
    public static final String SQL_VERSION_INSTALLED = "sqlVersionInstalled";
    public static final String SQL_SERVER_READY = "sqlServerReady";
    public static final String SQL_CHECK_FAILURE = "sqlCheckFailure";
    public static final String EDGE_CONFIGURATION_PATH = "edgeConfigurationPath";

    // decisions
    public static final String DATA_LOSS_APPROVED = "dataLossApproved";
    public static final String APPROVAL_NOTE = "approvalNote";
    public static final String TARGET_PROBLEM = "targetProblem";
    public static final String OVERRIDE_APPROVED = "overrideApproved";
    public static final String OVERRIDE_REASON = "overrideReason";
    public static final String SERVICES_CONFIRMED = "servicesConfirmed";
    public static final String SIGN_IN_CONFIRMED = "signInConfirmed";
    public static final String TEST_USER_SIP_URI = "testUserSipUri";

    // escalation and report
    public static final String ESCALATION_SUMMARY = "escalationSummary";
    public static final String ESCALATION_NOTE = "escalationNote";
    public static final String RECOVERY_REPORT = "recoveryReport";
    public static final String RECOVERY_REPORT_URL = "recoveryReportUrl";
    public static final String RECOVERY_REPORT_SUMMARY = "recoveryReportSummary";

    private RecoveryVariables() {
    }

    /** Longest text kept in a String variable (the engine's text column holds 4,000 characters). */
    static final int TEXT_LIMIT = 3500;

    /** A message shortened to fit a String variable, saying so when it was cut. */
    public static String text(String raw) {
        String message = Redaction.scrub(raw);
        if (message == null || message.length() <= TEXT_LIMIT) {
            return message;
        }
        return message.substring(0, TEXT_LIMIT) + "\n… (" + (message.length() - TEXT_LIMIT) + " more characters)";
    }

    public static String requireString(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("variable " + name + " is not set");
        }
        return value.toString().trim();
    }

    public static Optional<String> optionalString(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    /** A checkbox or a Boolean given through REST; Tasklist sends checkboxes as Boolean. */
    public static boolean flag(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Boolean b) {
            return b;
        }
        return value != null && Boolean.parseBoolean(value.toString());
    }

    public static Optional<Date> optionalDate(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Date date) {
            return Optional.of(date);
        }
        if (value != null && !value.toString().isBlank()) {
            try {
                return Optional.of(Date.from(java.time.OffsetDateTime.parse(value.toString().trim()).toInstant()));
            } catch (java.time.format.DateTimeParseException e) {
                try {
                    return Optional.of(Date.from(java.time.Instant.parse(value.toString().trim())));
                } catch (java.time.format.DateTimeParseException again) {
                    throw new IllegalArgumentException(name + " '" + value + "' is not a date and time (ISO-8601, e.g. 2026-11-26T08:30:00Z)");
                }
            }
        }
        return Optional.empty();
    }
}
