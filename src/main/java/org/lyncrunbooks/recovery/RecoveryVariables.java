package org.lyncrunbooks.recovery;

import org.lyncrunbooks.secrets.Redaction;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.RecoveryProcedure;

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
    /** Why a server that still answers is recovered anyway (a restore replaces it): required only then. */
    public static final String REBUILD_ANYWAY_REASON = "rebuildAnywayReason";

    // written by the assessment
    public static final String RECOVERY_ID = "recoveryId";
    public static final String RECOVERY_PROCEDURE = "recoveryProcedure";
    public static final String PROCEDURE_TITLE = "procedureTitle";
    /** The procedure in plain words, for the forms (the title carries Microsoft's code, which people cannot look up). */
    public static final String PROCEDURE_NAME = "procedureName";
    public static final String PROCEDURE_PROCESS_KEY = "procedureProcessKey";
    /** The process keys of every procedure the recovery runs, in order, comma-separated; and where it stands. */
    public static final String RECOVERY_PROCEDURES = "recoveryProcedures";
    public static final String PROCEDURE_INDEX = "procedureIndex";
    public static final String PROCEDURE_LEFT = "procedureLeft";
    /** Whether an earlier procedure of this recovery already rebuilt the server, or put SQL Server on it. */
    public static final String SERVER_REBUILT = "serverRebuilt";
    public static final String SQL_SERVER_INSTALLED = "sqlServerInstalled";
    public static final String SERVER_ROLE = "serverRole";
    public static final String POOL_FQDN = "poolFqdn";
    public static final String POOL_SERVERS = "poolServers";
    /** A pool recovery's start: the servers lost (comma-separated; empty = those that do not answer), or all of them. */
    public static final String LOST_SERVERS = "lostServers";
    public static final String EVERY_SERVER_LOST = "everyServerLost";
    /** A pool recovery's order: the Back End servers first, then the Front Ends (comma-separated), and how many. */
    public static final String BACK_END_SERVERS = "backEndServers";
    public static final String BACK_END_COUNT = "backEndCount";
    public static final String FRONT_END_SERVERS = "frontEndServers";
    public static final String FRONT_END_COUNT = "frontEndCount";
    public static final String RECOVERY_ORDER = "recoveryOrder";
    /**
     * In a server recovery called by a pool recovery: the set the pool's manager approved (else null), and the pool's
     * servers still to be rebuilt. Written by the assessment from the calling pool recovery, never taken from a start.
     */
    public static final String POOL_APPROVED_SET_ID = "poolApprovedSetId";
    public static final String POOL_LOST_SERVERS = "poolLostServers";
    /**
     * A pool recovery that rebuilds Front Ends restores Response Group itself, once they run again: the server whose
     * recovery would have restored it (its Back End), or null. Import-CsRgsConfiguration needs the Response Group
     * service installed on a server of the pool.
     */
    public static final String RESPONSE_GROUP_SERVER = "responseGroupServer";
    public static final String SQL_INSTANCES = "sqlInstances";
    public static final String FILE_STORE_NAME = "fileStoreName";
    public static final String FILE_STORE_UNC = "fileStoreUnc";
    public static final String SET_COMPLETED_AT = "setCompletedAt";
    /** The earliest start of the backups the recovery restores: data changed after it may be lost. */
    public static final String DATA_LOSS_FROM = "dataLossFrom";
    /** Each restored item with the time its backup started, for the approval form. */
    public static final String ITEM_TIMES = "itemTimes";
    public static final String SET_SERVER_PATH = "setServerPath";
    public static final String RECOVERY_STARTED_AT = "recoveryStartedAt";
    public static final String ESCALATE_AFTER = "escalateAfter";
    public static final String CERTIFICATES_NEEDED = "certificatesNeeded";
    public static final String CMS_ON_STANDARD_EDITION = "cmsOnStandardEdition";
    public static final String RESPONSE_GROUP_USED = "responseGroupUsed";
    public static final String MONITORING_ARCHIVING_HERE = "monitoringArchivingHere";
    public static final String EDGE_SERVER = "edgeServer";
    public static final String PERSISTENT_CHAT_BY_SQL = "persistentChatBySql";
    /**
     * When the failed server's pool is paired, or its Back End mirrored: the way back that keeps more data (R1), shown
     * to the manager before they approve a restore from backups; their approval (and note) records the choice.
     */
    public static final String FAILOVER_OFFER = "failoverOffer";

    // the set
    public static final String SET_PROBLEM = "setProblem";

    // evidence and checks
    public static final String SAME_FQDN_CONFIRMED = "sameFqdnConfirmed";
    /** The operator checked what this runbook does not restore (AD DS, DNS, DHCP, PKI, Exchange UM, SCOM, gateways, SBAs). */
    public static final String OUT_OF_SCOPE_REVIEWED = "outOfScopeReviewed";
    public static final String SERVER_IP_ADDRESS = "serverIpAddress";
    public static final String SERVER_IDENTITY_CONFIRMED = "serverIdentityConfirmed";
    public static final String IDENTITY_CHECK_FAILURE = "identityCheckFailure";
    public static final String CERTIFICATE_THUMBPRINT = "certificateThumbprint";
    public static final String CERTIFICATE_PEM = "certificatePem";
    public static final String EXTERNAL_CERTIFICATE_THUMBPRINT = "externalCertificateThumbprint";
    public static final String EXTERNAL_CERTIFICATE_PEM = "externalCertificatePem";
    /** The names the certificates must carry, for the form. */
    public static final String CERTIFICATE_NAMES = "certificateNames";
    public static final String EXTERNAL_CERTIFICATE_NAMES = "externalCertificateNames";
    public static final String CERTIFICATE_VALID = "certificateValid";
    public static final String CERTIFICATE_CHECK_FAILURE = "certificateCheckFailure";
    public static final String SQL_VERSION_INSTALLED = "sqlVersionInstalled";
    public static final String SQL_SERVER_READY = "sqlServerReady";
    public static final String SQL_CHECK_FAILURE = "sqlCheckFailure";
    /** Set by the SQL Server check: the instance is there but already holds Lync data, which re-installing cannot fix. */
    public static final String SQL_INSTANCE_HOLDS_LYNC_DATA = "sqlInstanceHoldsLyncData";
    /** The way back then: {@code rebuild-server} (a clean server again) or {@code check-again} (the data was removed). */
    public static final String SQL_INSTANCE_RESOLUTION = "sqlInstanceResolution";
    /** Where restored databases' data and log files go, when the DBA wants other folders than the instance's defaults. */
    public static final String SQL_DATA_FOLDER = "sqlDataFolder";
    public static final String SQL_LOG_FOLDER = "sqlLogFolder";
    public static final String EDGE_CONFIGURATION_PATH = "edgeConfigurationPath";

    // decisions
    public static final String DATA_LOSS_APPROVED = "dataLossApproved";
    public static final String APPROVAL_NOTE = "approvalNote";
    public static final String NOT_APPROVED_REASON = "notApprovedReason";
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

    /**
     * The longest text a person may give in each free-text variable, the same limits as the forms': a start or a
     * completion over REST with a longer one is refused (nothing is stored), instead of failing in the database.
     */
    public static final Map<String, Integer> TEXT_LIMITS = Map.ofEntries(
            Map.entry(FAILED_SERVER_FQDN, 253), Map.entry(POOL_FQDN, 253), Map.entry(LOST_SERVERS, 1000),
            Map.entry(BACKUP_SET_ID, 40), Map.entry(INCIDENT_REFERENCE, 100),
            Map.entry(REBUILD_ANYWAY_REASON, 1000), Map.entry(APPROVAL_NOTE, 1000), Map.entry(NOT_APPROVED_REASON, 1000),
            Map.entry(OVERRIDE_REASON, 1000), Map.entry(ESCALATION_NOTE, 1000), Map.entry(TEST_USER_SIP_URI, 200),
            Map.entry(SERVER_IP_ADDRESS, 45), Map.entry(CERTIFICATE_THUMBPRINT, 80), Map.entry(CERTIFICATE_PEM, 4000));

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

    /** How long a manual step may wait before it is escalated, as the assessment fixed it for this recovery. */
    public static Duration escalateAfter(VariableScope scope) {
        return Duration.parse(requireString(scope, ESCALATE_AFTER));
    }

    /**
     * Writes what the assessment of a recovery found: the references, the texts the forms show, and the flags the
     * gateways read. No decision is written here: the people take them on their tasks.
     */
    /**
     * What Microsoft offers before a restore from backups (R1): a server of a pool with a backup pool can be failed
     * over instead (Fail over a Lync pool: data up to the Backup Service's last copy, not the last set); a Back End
     * with a mirror can be failed over to the mirror.
     */
    static Optional<String> failoverOffer(RecoveryPlan plan) {
        Optional<String> mirrored = plan.sqlStores().stream().filter(s -> s.mirrorStore().isPresent()).findFirst()
                .map(s -> s.ref().display() + " has a SQL Server mirror (" + s.mirrorStore().get().display() + "): "
                        + "Microsoft fails the databases over to the surviving side first, which loses nothing (R6/R7): "
                        + "do not approve, say so in the reason, and start Recover a mirrored Back End (lync-recovery-mirror) "
                        + "for the lost side instead; approve a restore from backups only when both sides are lost.");
        if (mirrored.isPresent()) {
            return mirrored;
        }
        return plan.pool().filter(p -> p.backupPoolFqdn().isPresent()).map(p -> "Pool " + p.fqdn() + " is paired with "
                + p.backupPoolFqdn().get() + ": failing it over (Fail over a Lync pool) keeps its users' data up to the "
                + "Backup Service's last copy, minutes old, where this restore goes back to the backup set (R1). Approve "
                + "this recovery when the pool is to be rebuilt; say why in the note.");
    }

    static void writeAssessment(VariableScope scope, RecoveryService.Assessment assessment, Date incidentTime,
                                String recoveryId, Date startedAt, Duration escalateAfter) {
        RecoveryPlan plan = assessment.plan();
        scope.setVariable(FAILED_SERVER_FQDN, plan.failedServerFqdn());
        scope.setVariable(INCIDENT_TIME, incidentTime);
        scope.setVariable(RECOVERY_ID, recoveryId);
        scope.setVariable(RECOVERY_STARTED_AT, startedAt);
        scope.setVariable(ESCALATE_AFTER, escalateAfter.toString());
        scope.setVariable(RECOVERY_PROCEDURE, plan.codes());
        scope.setVariable(PROCEDURE_TITLE, plan.titles());
        scope.setVariable(PROCEDURE_NAME, plan.procedures().stream().map(RecoveryProcedure::title)
                .collect(Collectors.joining("; ")));
        scope.setVariable(PROCEDURE_PROCESS_KEY, plan.procedure().processKey());
        scope.setVariable(RECOVERY_PROCEDURES, plan.procedures().stream()
                .map(RecoveryProcedure::processKey).collect(Collectors.joining(",")));
        scope.setVariable(PROCEDURE_INDEX, 0);
        scope.setVariable(SERVER_REBUILT, false);
        scope.setVariable(SQL_SERVER_INSTALLED, false);
        scope.setVariable(SERVER_ROLE, plan.role());
        scope.setVariable(POOL_FQDN, plan.pool().map(Pool::fqdn).orElse(null));
        scope.setVariable(POOL_SERVERS, plan.pool().map(p -> String.join(", ", p.servers())).orElse(null));
        scope.setVariable(SQL_INSTANCES, plan.sqlStores().stream().map(s -> s.ref().display())
                .collect(Collectors.joining(", ")));
        scope.setVariable(FILE_STORE_NAME, plan.fileStore().map(f -> f.name()).orElse(null));
        scope.setVariable(FILE_STORE_UNC, plan.fileStore().map(f -> f.unc()).orElse(null));
        scope.setVariable(FAILOVER_OFFER, failoverOffer(plan).orElse(null));
        writeSet(scope, assessment);
        scope.setVariable(CERTIFICATES_NEEDED, plan.needsLyncCertificate());
        scope.setVariable(CERTIFICATE_NAMES, String.join(", ", assessment.certificateNames()));
        scope.setVariable(EXTERNAL_CERTIFICATE_NAMES, String.join(", ", plan.externalCertificateNames()));
        scope.setVariable(CMS_ON_STANDARD_EDITION, plan.centralManagementStoreOnStandardEdition());
        scope.setVariable(RESPONSE_GROUP_USED, plan.restoresResponseGroup());
        scope.setVariable(MONITORING_ARCHIVING_HERE, plan.holdsMonitoringOrArchiving());
        scope.setVariable(EDGE_SERVER, plan.edgeServer());
        scope.setVariable(PERSISTENT_CHAT_BY_SQL, plan.pool()
                .map(p -> p.persistentChatBackup() == Pool.PersistentChatBackup.SQL).orElse(false)
                && plan.sqlStores().stream().anyMatch(s -> s.holds(LyncDatabase.MGC)));
    }

    /**
     * What a server recovery takes from the pool recovery that called it: the set its manager approved (null: none,
     * this recovery asks its own approval) and the pool's servers still to be rebuilt (comma-separated, or null).
     */
    static void writePoolContext(VariableScope scope, String approvedSetId, String lostServers,
                                 boolean responseGroupByPool) {
        scope.setVariable(POOL_APPROVED_SET_ID, approvedSetId);
        scope.setVariable(POOL_LOST_SERVERS, lostServers);
        if (responseGroupByPool) {
            scope.setVariable(RESPONSE_GROUP_USED, false);
        }
    }

    /** The pool's servers still to be rebuilt, as the pool recovery that called this one named them; empty otherwise. */
    static java.util.List<String> poolLostServers(VariableScope scope) {
        return optionalString(scope, POOL_LOST_SERVERS)
                .map(text -> java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(java.util.List.of());
    }

    /** A pool recovery's assessment: the servers in their order, and what the approval form shows of the set. */
    static void writePoolAssessment(VariableScope scope, PoolRecoveries.PoolPlan plan, Date incidentTime,
                                    String recoveryId, Duration escalateAfter) {
        scope.setVariable(POOL_FQDN, plan.poolFqdn());
        scope.setVariable(BACK_END_SERVERS, String.join(",", plan.backEnds()));
        scope.setVariable(BACK_END_COUNT, plan.backEnds().size());
        scope.setVariable(FRONT_END_SERVERS, String.join(",", plan.frontEnds()));
        scope.setVariable(FRONT_END_COUNT, plan.frontEnds().size());
        scope.setVariable(LOST_SERVERS, String.join(",", plan.lost()));
        scope.setVariable(RECOVERY_ORDER, plan.order());
        scope.setVariable(POOL_SERVERS, String.join(", ", plan.members()));
        scope.setVariable(INCIDENT_TIME, incidentTime);
        scope.setVariable(RECOVERY_ID, recoveryId);
        scope.setVariable(ESCALATE_AFTER, escalateAfter.toString());
        scope.setVariable(FAILOVER_OFFER, failoverOffer(plan.approval().plan()).orElse(null));
        scope.setVariable(RESPONSE_GROUP_SERVER, plan.responseGroupServer().orElse(null));
        writeSet(scope, plan.approval());
    }

    /** One line per restored item: its backup's start and end, oldest first. */
    static String itemTimes(RecoveryService.Assessment assessment) {
        if (assessment.itemTimes().isEmpty()) {
            return "the set's manifest gives no times per item; the window starts at the set's completion, "
                    + DateTimeFormatter.ISO_INSTANT.format(assessment.setCompletedAt());
        }
        StringBuilder lines = new StringBuilder();
        for (RecoveryService.ItemTime item : assessment.itemTimes()) {
            lines.append(item.path()).append(": backed up from ").append(DateTimeFormatter.ISO_INSTANT.format(item.startedAt()))
                    .append(item.finishedAt() == null ? "" : " to " + DateTimeFormatter.ISO_INSTANT.format(item.finishedAt()))
                    .append('\n');
        }
        return lines.toString().strip();
    }

    /** Writes what the forms show of the chosen backup set, and clears the problem of a set chosen before. */
    static void writeSet(VariableScope scope, RecoveryService.Assessment assessment) {
        scope.setVariable(BACKUP_SET_ID, assessment.setId());
        scope.setVariable(SET_COMPLETED_AT, Date.from(assessment.setCompletedAt()));
        scope.setVariable(DATA_LOSS_FROM, Date.from(assessment.dataLossFrom()));
        scope.setVariable(ITEM_TIMES, text(itemTimes(assessment)));
        scope.setVariable(SET_SERVER_PATH, assessment.setServerPath());
        scope.setVariable(SET_PROBLEM, null);
    }

    static void writeIdentityCheck(VariableScope scope, RecoveryService.CheckResult result) {
        scope.setVariable(SERVER_IDENTITY_CONFIRMED, result.passed());
        scope.setVariable(IDENTITY_CHECK_FAILURE, text(result.reason()));
    }

    static void writeCertificateCheck(VariableScope scope, RecoveryService.CheckResult result) {
        scope.setVariable(CERTIFICATE_VALID, result.passed());
        scope.setVariable(CERTIFICATE_CHECK_FAILURE, text(result.reason()));
    }

    static void writeSqlServerCheck(VariableScope scope, RecoveryService.CheckResult result) {
        scope.setVariable(SQL_SERVER_READY, result.passed());
        scope.setVariable(SQL_CHECK_FAILURE, text(result.reason()));
        scope.setVariable(SQL_INSTANCE_HOLDS_LYNC_DATA, result.holdsData());
    }

    static void writeEdgeConfigurationPath(VariableScope scope, String path) {
        scope.setVariable(EDGE_CONFIGURATION_PATH, path);
    }

    /** An approved override counts for one restore: the next one that finds data asks again. */
    static void overrideUsed(VariableScope scope) {
        scope.setVariable(OVERRIDE_APPROVED, false);
    }

    /** The escalation's text, local to the escalation path so that two escalations never overwrite each other. */
    static void writeEscalationSummary(VariableScope scope, String summary) {
        scope.setVariableLocal(ESCALATION_SUMMARY, summary);
    }

    /**
     * The report as the file variable {@code recoveryReport} (JSON, longer than a String variable may be), the
     * address it is downloaded from (the manager API, reading the history), and a summary for the final task's form.
     */
    static void writeReport(VariableScope scope, String recoveryId, String json, String summary) {
        scope.setVariable(RECOVERY_REPORT, Variables.fileValue("recovery-report-" + recoveryId + ".json")
                .file(json.getBytes(StandardCharsets.UTF_8))
                .mimeType("application/json").encoding(StandardCharsets.UTF_8.name()).create());
        scope.setVariable(RECOVERY_REPORT_SUMMARY, text(summary));
        // from the history: the link keeps working after the recovery has ended
        scope.setVariable(RECOVERY_REPORT_URL, "/api/manager/recoveries/" + recoveryId + "/report");
    }

    /** A number however it arrived (Integer, Long, or text through REST); 0 when the variable is not set. */
    public static int number(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value == null || value.toString().isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("variable " + name + " '" + value + "' is not a number", e);
        }
    }

    public static Optional<Date> optionalDate(VariableScope scope, String name) {
        return date(scope.getVariable(name), name);
    }

    /**
     * A date and time given as a Date (typed REST value, Tasklist's datetime field) or as ISO-8601 text with a zone.
     *
     * @throws RecoveryRefusedException naming the variable when it is neither
     */
    static Optional<Date> date(Object value, String name) {
        if (value instanceof Date date) {
            return Optional.of(date);
        }
        if (value == null || value instanceof String text && text.isBlank()) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new RecoveryRefusedException(name + " must be a date and time (ISO-8601 with a zone, e.g. "
                    + "2026-11-26T08:30:00Z), not " + org.lyncrunbooks.workflow.SubmittedValues.describe(value));
        }
        try {
            return Optional.of(Date.from(java.time.OffsetDateTime.parse(text.trim()).toInstant()));
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return Optional.of(Date.from(java.time.Instant.parse(text.trim())));
            } catch (java.time.format.DateTimeParseException again) {
                throw new RecoveryRefusedException(name + " '" + PublishedSets.printable(text)
                        + "' is not a date and time (ISO-8601 with a zone, e.g. 2026-11-26T08:30:00Z)");
            }
        }
    }
}
