package org.lyncrunbooks.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.lyncrunbooks.backup.BackupProperties;
import org.lyncrunbooks.backupset.ProblemSummary;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.RecoveryPlanner;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The work of the {@code lync-server-recovery} runbook, step by step and without the engine (docs/recovery-procedures.md): assess
 * the failed server and the backup set, verify the set, check each manual rebuild step, and run Microsoft's restore
 * steps in order. Restore steps are idempotent through the recovery's journal (reliability scenario 10), and write
 * only to clean targets unless an override was approved (D3, I6).
 *
 * <p>{@code recoveryId} identifies one recovery (the process instance id); {@code failedServerFqdn} and
 * {@code setId} are what the start form gave, as {@link #assess} accepted them. Everything else is derived again
 * from the topology and the set's manifest.
 */
@Service
public class RecoveryService {

    private static final Logger log = LoggerFactory.getLogger(RecoveryService.class);
    private static final int SERVERS_LISTED = 20;
    private static final int SUMMARY_LIMIT = 3500;

    private final Topology topology;
    private final SetVerifier verifier;
    private final PublishedSets sets;
    private final RecoveryJournal journal;
    private final RebuildChecks checks;
    private final DataRestores data;
    private final CmdletSteps cmdlets;

    public RecoveryService(Topology topology, BackupShare share, BackupProperties backup, LyncShell shell,
                           SqlServerClient sqlServer, HostResolver hosts, Clock clock, SetVerifier verifier,
                           FileStoreRestorer restorer) {
        this.topology = topology;
        this.verifier = verifier;
        this.sets = new PublishedSets(share, backup.serverRoot(), clock);
        this.journal = new RecoveryJournal(share.root(), clock);
        this.checks = new RebuildChecks(topology, sqlServer, hosts, clock);
        this.data = new DataRestores(sets, journal, restorer, sqlServer);
        this.cmdlets = new CmdletSteps(topology, sets, journal, shell, sqlServer);
    }

    /**
     * What a recovery restores and from where.
     *
     * @param plan           the procedure and what lived on the failed server
     * @param setId          the published set it restores from
     * @param setCompletedAt when that set was completed: restores go back to this moment (the data-loss window)
     * @param setServerPath  the set's folder as the Windows servers see it
     */
    public record Assessment(RecoveryPlan plan, String setId, Instant setCompletedAt, String setServerPath) {
    }

    /** The outcome of an automatic check; {@code reason} is null when it passed and names every problem when not. */
    public record CheckResult(boolean passed, String reason) {

        static CheckResult ok() {
            return new CheckResult(true, null);
        }

        static CheckResult failed(String reason) {
            return new CheckResult(false, reason);
        }
    }

    /**
     * Classifies the failed server and checks that the set (blank: the one {@code CURRENT} names) is published and
     * holds everything its procedure restores. Reads only; writes nothing.
     *
     * @throws RecoveryRefusedException naming the unknown server, the unusable set, or the files the set lacks
     */
    public Assessment assess(String failedServerFqdn, String requestedSetId) {
        RecoveryPlan plan = plan(failedServerFqdn);
        SetId id = sets.resolve(requestedSetId);
        PublishedSets.Contents contents;
        try {
            contents = sets.contents(id);
        } catch (BackupSetInvalidException e) {
            throw new RecoveryRefusedException(e.getMessage());
        }
        List<String> missing = SetRequirements.missing(SetRequirements.needed(topology, plan), contents);
        if (!missing.isEmpty()) {
            throw new RecoveryRefusedException("backup set " + id + " lacks what restoring " + plan.failedServerFqdn()
                    + " (" + plan.procedure().code() + ", " + plan.role() + ") needs: " + String.join("; ", missing));
        }
        if (!Objects.equals(contents.header().topologySha256(), topology.sha256())) {
            log.warn("Backup set {} was taken with another version of the topology (SHA-256 {}) than the current one ({})",
                    id, contents.header().topologySha256(), topology.sha256());
        }
        log.info("Recovery of {} assessed: {} ({}) from backup set {} completed at {}", plan.failedServerFqdn(),
                plan.procedure().code(), plan.role(), id, contents.header().completedAt());
        return new Assessment(plan, id.toString(), contents.header().completedAt(), sets.serverPath(id.toString()));
    }

    /**
     * Re-hashes every file of the set against its manifest. A set that does not verify gets a record in
     * {@code <root>/.verification/<setId>.json} (the catalog shows it, and every restore refuses the set); a set that
     * verifies clears an earlier record.
     *
     * @throws BackupSetInvalidException naming every file that does not match
     */
    public void verifySet(String setId) {
        SetId id = sets.resolve(setId);
        VerificationReport report = verifier.verify(sets.directory(id), Set.of());
        if (!report.ok()) {
            sets.recordFailedVerification(id, report.problems());
            throw new BackupSetInvalidException(summary("backup set " + id + " does not match its manifest ("
                    + report.problems().size() + " problems); it is never restored from:", report.problems()));
        }
        sets.clearFailedVerification(id);
        log.info("Backup set {} verified for a recovery: {} files, {} bytes", id, report.fileCount(), report.bytes());
    }

    /** DNS resolves the rebuilt server's FQDN (R2), to {@code claimedIpAddress} when one is given. */
    public CheckResult checkServerIdentity(String failedServerFqdn, String claimedIpAddress) {
        return checks.serverIdentity(plan(failedServerFqdn), claimedIpAddress);
    }

    /** The PEM's first certificate has {@code thumbprint}, names the server (and its pool) and is valid now. */
    public CheckResult checkCertificate(String failedServerFqdn, String thumbprint, String pem) {
        return checks.certificate(plan(failedServerFqdn), thumbprint, pem);
    }

    /** Every SQL store of the failed server answers, runs SQL Server 2012 or 2008 R2, and holds no Lync data yet. */
    public CheckResult checkSqlServer(String failedServerFqdn) {
        return checks.sqlServer(plan(failedServerFqdn));
    }

    /**
     * Restores the file store the failed server shared (R3, R4 on Standard Edition, R10).
     *
     * @throws RestoreTargetNotCleanException when the store's folder holds data and no override was approved
     */
    public void restoreFileStore(String recoveryId, String failedServerFqdn, String setId, boolean overrideApproved) {
        data.fileStore(recoveryId, plan(failedServerFqdn), readableSet(setId), overrideApproved);
    }

    /**
     * Restores every SQL Server backup in the set of a database on the failed server (R11, R12 by SQL backup, R4/R5
     * when the Back End held them) and makes sure RTCComponentUniversalServices has the ServerRole role.
     *
     * @throws RestoreTargetNotCleanException naming every target that holds data, before anything is restored
     */
    public void restoreDatabases(String recoveryId, String failedServerFqdn, String setId, boolean overrideApproved) {
        data.databases(recoveryId, plan(failedServerFqdn), readableSet(setId), overrideApproved);
    }

    /** R4 step 6: {@code Install-CsDatabase -CentralManagementDatabase -Clean} on the CMS pool's Back End. */
    public void installCentralManagementDatabase(String recoveryId, String failedServerFqdn) {
        cmdlets.installCentralManagementDatabase(recoveryId, plan(failedServerFqdn));
    }

    /** R4 step 7: {@code Set-CsConfigurationStoreLocation}, pointing AD at the rebuilt CMS. */
    public void setConfigurationStoreLocation(String recoveryId, String failedServerFqdn) {
        cmdlets.setConfigurationStoreLocation(recoveryId, plan(failedServerFqdn));
    }

    /** R4 step 8: {@code Import-CsConfiguration} of the set's {@code cms/CsConfiguration.zip}. */
    public void importConfiguration(String recoveryId, String setId) {
        cmdlets.importConfiguration(recoveryId, readableSet(setId));
    }

    /** R4 step 9, R10 step 2: {@code Enable-CsTopology}. */
    public void enableTopology(String recoveryId) {
        cmdlets.enableTopology(recoveryId);
    }

    /** R5 step 4, R4 step 10: {@code Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn <failed server>}. */
    public void installConfiguredDatabases(String recoveryId, String failedServerFqdn) {
        cmdlets.installConfiguredDatabases(recoveryId, plan(failedServerFqdn));
    }

    /** R3/R4/R5: stop the pool's services, {@code Import-CsUserData}, start them again (also after a failure). */
    public void restoreUserData(String recoveryId, String failedServerFqdn, String setId) {
        cmdlets.restoreUserData(recoveryId, plan(failedServerFqdn), readableSet(setId));
    }

    /** R4 step 13: {@code Import-CsLisConfiguration} of the set's {@code cms/LisConfiguration.zip}. */
    public void restoreLisConfiguration(String recoveryId, String setId) {
        cmdlets.restoreLisConfiguration(recoveryId, readableSet(setId));
    }

    /** R13: {@code Import-CsRgsConfiguration -OverwriteOwner} into the failed server's pool. */
    public void restoreResponseGroup(String recoveryId, String failedServerFqdn, String setId) {
        cmdlets.restoreResponseGroup(recoveryId, plan(failedServerFqdn), readableSet(setId));
    }

    /** R8 for an Edge server: exports the configuration; returns the zip's path as the servers see it. */
    public String exportConfigurationForEdge(String recoveryId, String failedServerFqdn) {
        return cmdlets.exportConfigurationForEdge(recoveryId, plan(failedServerFqdn));
    }

    /** R11 step 1, R12: {@code Install-CsDatabase -DatabaseType} for the Archiving, Monitoring and chat stores. */
    public void installStoreDatabases(String recoveryId, String failedServerFqdn) {
        cmdlets.installStoreDatabases(recoveryId, plan(failedServerFqdn));
    }

    /** R12 by export: {@code Import-CsPersistentChatData} of each chat pool whose mgc database is on the server. */
    public void importPersistentChatData(String recoveryId, String failedServerFqdn, String setId) {
        cmdlets.importPersistentChatData(recoveryId, plan(failedServerFqdn), readableSet(setId));
    }

    /** The recovery's journal: every step started, in order, with its state and what it did. */
    public List<JournalEntry> journal(String recoveryId) {
        return journal.entries(recoveryId);
    }

    private RecoveryPlan plan(String failedServerFqdn) {
        return RecoveryPlanner.plan(topology, failedServerFqdn).orElseThrow(() -> new RecoveryRefusedException(
                (failedServerFqdn == null || failedServerFqdn.isBlank() ? "no failed server was named"
                        : "'" + PublishedSets.printable(failedServerFqdn.strip()) + "' is not a server of the topology")
                        + "; known servers: " + knownServers()));
    }

    /** A published set that did not fail verification (I6). */
    private SetId readableSet(String setId) {
        SetId id = sets.resolve(setId);
        sets.failedVerification(id).ifPresent(record -> {
            Object problems = record.get("problems");
            throw new BackupSetInvalidException("backup set " + id + " failed verification at " + record.get("verifiedAt")
                    + " and is never restored from (I6)" + (problems instanceof List<?> list && !list.isEmpty()
                    ? ": " + list.get(0) + (list.size() > 1 ? " and " + (list.size() - 1) + " more" : "") : ""));
        });
        return id;
    }

    private String knownServers() {
        Set<String> names = new TreeSet<>();
        topology.pools().forEach(p -> names.addAll(p.servers()));
        topology.sqlStores().stream().map(SqlStore::fqdn).forEach(names::add);
        topology.fileStores().stream().map(FileStore::serverFqdn).forEach(names::add);
        List<String> list = new ArrayList<>(names);
        return list.size() <= SERVERS_LISTED ? String.join(", ", list)
                : String.join(", ", list.subList(0, SERVERS_LISTED)) + " and " + (list.size() - SERVERS_LISTED) + " more";
    }

    private static String summary(String headline, List<String> lines) {
        return ProblemSummary.of(headline, lines, SUMMARY_LIMIT, " (all in the verification record)");
    }
}
