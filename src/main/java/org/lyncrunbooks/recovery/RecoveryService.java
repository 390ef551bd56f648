package org.lyncrunbooks.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.lyncrunbooks.backupset.ProblemSummary;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.RecoveryPlanner;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
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
    /** How far ahead of this server's clock an incident time may be (the browser's clock may run a little fast). */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(2);

    private final Topology topology;
    private final SetVerifier verifier;
    private final PublishedSets sets;
    private final RecoveryJournal journal;
    private final RebuildChecks checks;
    private final DataRestores data;
    private final CmdletSteps cmdlets;
    private final List<StartCheck> startChecks;
    private final Clock clock;

    RecoveryService(Topology topology, SetVerifier verifier, PublishedSets sets, RecoveryJournal journal,
                    RebuildChecks checks, DataRestores data, CmdletSteps cmdlets, List<StartCheck> startChecks,
                    Clock clock) {
        this.topology = topology;
        this.clock = clock;
        this.startChecks = List.copyOf(startChecks);
        this.verifier = verifier;
        this.sets = sets;
        this.journal = journal;
        this.checks = checks;
        this.data = data;
        this.cmdlets = cmdlets;
    }

    /**
     * What a recovery restores and from where.
     *
     * @param plan           the procedure and what lived on the failed server
     * @param setId          the published set it restores from
     * @param setCompletedAt when that set was completed: restores go back to this moment (the data-loss window)
     * @param setServerPath  the set's folder as the Windows servers see it
     * @param certificateNames the names the server's Lync certificate must carry (empty: it has none)
     * @param dataLossFrom   the earliest start of the backups of the items this recovery restores: each item holds
     *                       the data as it was when its own backup ran, so what changed after the oldest of them may
     *                       be lost (the data-loss window; the set's completion when the manifest has no times)
     * @param itemTimes      those items with their backup times, oldest first
     */
    public record Assessment(RecoveryPlan plan, String setId, Instant setCompletedAt, String setServerPath,
                             List<String> certificateNames, Instant dataLossFrom, List<ItemTime> itemTimes) {

        public Assessment {
            certificateNames = certificateNames == null ? List.of() : List.copyOf(certificateNames);
            itemTimes = itemTimes == null ? List.of() : List.copyOf(itemTimes);
            dataLossFrom = dataLossFrom == null ? setCompletedAt : dataLossFrom;
        }

        public Assessment(RecoveryPlan plan, String setId, Instant setCompletedAt, String setServerPath) {
            this(plan, setId, setCompletedAt, setServerPath, List.of(), null, List.of());
        }
    }

    /** When the backup of one item the recovery restores started and finished, as the set's manifest says. */
    public record ItemTime(String itemId, String path, Instant startedAt, Instant finishedAt) {
    }

    /**
     * The outcome of an automatic check; {@code reason} is null when it passed and names every problem when not.
     * {@code holdsData} says that what was checked already holds data, which doing the step again cannot fix.
     */
    public record CheckResult(boolean passed, String reason, boolean holdsData) {

        public CheckResult(boolean passed, String reason) {
            this(passed, reason, false);
        }

        static CheckResult ok() {
            return new CheckResult(true, null);
        }

        static CheckResult failed(String reason) {
            return new CheckResult(false, reason);
        }
    }

    /**
     * The start of a recovery: the server is one of the topology, the incident is not in the future, every
     * {@link StartCheck} passes (no other recovery of the server runs; the server is lost, or a reason to rebuild it
     * anyway was given), and the set is usable ({@link #assess}). Reads only; writes nothing.
     *
     * @throws RecoveryRefusedException saying what stops the start, with what to do instead
     */
    public Assessment start(RecoveryInputs.StartRequest request) {
        RecoveryPlan plan = plan(request.failedServerFqdn());
        Instant now = clock.instant();
        if (request.incidentTime() != null && request.incidentTime().isAfter(now.plus(CLOCK_SKEW))) {
            throw new RecoveryRefusedException("incidentTime " + request.incidentTime() + " is in the future (it is now "
                    + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " UTC): give the time the server failed, "
                    + "or leave it empty for now");
        }
        if (request.backupSetId() != null) {
            sets.checkId(request.backupSetId());
        }
        for (StartCheck check : startChecks) {
            if (!check.afterTheSet()) {
                check.check(plan, request);
            }
        }
        Assessment assessment = assess(plan.failedServerFqdn(), request.backupSetId());
        for (StartCheck check : startChecks) {
            if (check.afterTheSet()) {
                check.check(plan, request);
            }
        }
        return assessment;
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
            throw new RecoveryRefusedException(Status.UNPROCESSABLE, e.getMessage());
        }
        List<String> missing = SetRequirements.missing(SetRequirements.needed(topology, plan), contents);
        if (!missing.isEmpty()) {
            throw new RecoveryRefusedException(Status.UNPROCESSABLE, "backup set " + id + " lacks what restoring " + plan.failedServerFqdn()
                    + " (" + plan.codes() + ", " + plan.role() + ") needs: " + String.join("; ", missing));
        }
        if (!Objects.equals(contents.header().topologySha256(), topology.sha256())) {
            log.warn("Backup set {} was taken with another version of the topology (SHA-256 {}) than the current one ({})",
                    id, contents.header().topologySha256(), topology.sha256());
        }
        log.info("Recovery of {} assessed: {} ({}) from backup set {} completed at {}", plan.failedServerFqdn(),
                plan.codes(), plan.role(), id, contents.header().completedAt());
        List<ItemTime> times = SetRequirements.needed(topology, plan).stream()
                .map(item -> contents.item(item.itemId()).map(i -> new ItemTime(i.itemId(), item.target(),
                        i.startedAt(), i.finishedAt())))
                .flatMap(java.util.Optional::stream)
                .filter(t -> t.startedAt() != null)
                .sorted(java.util.Comparator.comparing(ItemTime::startedAt))
                .toList();
        Instant dataLossFrom = times.isEmpty() ? contents.header().completedAt() : times.get(0).startedAt();
        return new Assessment(plan, id.toString(), contents.header().completedAt(), sets.serverPath(id.toString()),
                plan.certificateNames(topology), dataLossFrom, times);
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

    /** The PEM's first certificate has {@code thumbprint}, carries every name the server's role needs and is valid now. */
    public CheckResult checkCertificate(String failedServerFqdn, String thumbprint, String pem) {
        return checkCertificate(failedServerFqdn, thumbprint, pem, null, null);
    }

    /**
     * As {@link #checkCertificate(String, String, String)}, and for an Edge server also its external certificate
     * (Access, Web Conferencing and A/V Edge FQDNs from the topology).
     */
    public CheckResult checkCertificate(String failedServerFqdn, String thumbprint, String pem, String externalThumbprint,
                                        String externalPem) {
        return checks.certificate(plan(failedServerFqdn), thumbprint, pem, externalThumbprint, externalPem);
    }

    /** Every SQL store of the failed server answers, runs SQL Server 2008 R2, 2012 or 2014, and holds no Lync data yet. */
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
     * when the Back End held them) and makes sure RTCComponentUniversalServices has the ServerRole role (LcsLog, LcsCDR,
     * QoEMetrics). The files go to the rebuilt instance's default data and log folders ({@code WITH MOVE}), or to the
     * folders the DBA gave.
     *
     * @param dataFolder the data files' folder the DBA gave, or null for the instance's default data path
     * @param logFolder  the log files' folder the DBA gave, or null for the instance's default log path
     * @throws RestoreTargetNotCleanException naming every target that holds data, before anything is restored
     */
    public void restoreDatabases(String recoveryId, String failedServerFqdn, String setId, boolean overrideApproved,
                                 String dataFolder, String logFolder) {
        data.databases(recoveryId, plan(failedServerFqdn), readableSet(setId), overrideApproved,
                DataRestores.fileLocations(dataFolder, logFolder));
    }

    /**
     * R4 step 6: {@code Install-CsDatabase -CentralManagementDatabase -Clean} on the CMS pool's Back End or Standard
     * Edition server, onto an instance without a configuration: xds and lis absent, empty, or holding exactly what
     * Prepare first Standard Edition server wrote ({@link #recordSetupDatabases}).
     *
     * @throws RestoreTargetNotCleanException when the CMS holds a configuration and no override was approved
     */
    public void installCentralManagementDatabase(String recoveryId, String failedServerFqdn, boolean overrideApproved) {
        cmdlets.installCentralManagementDatabase(recoveryId, plan(failedServerFqdn), overrideApproved);
    }

    /** R4 step 4 on Standard Edition, after the operator ran it: records what setup wrote into xds and lis. */
    public void recordSetupDatabases(String recoveryId, String failedServerFqdn) {
        cmdlets.recordSetupDatabases(recoveryId, plan(failedServerFqdn));
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
        restoreUserData(recoveryId, failedServerFqdn, setId, List.of());
    }

    /**
     * As {@link #restoreUserData(String, String, String)} in a pool recovery (R9): the pool's {@code lostServers} are
     * still to be rebuilt, so their services are neither stopped nor started here.
     */
    public void restoreUserData(String recoveryId, String failedServerFqdn, String setId, List<String> lostServers) {
        cmdlets.restoreUserData(recoveryId, plan(failedServerFqdn), readableSet(setId), lostServers);
    }

    /** R9, the end of a pool recovery: every Front End of the pool started together (pool quorum). */
    public void startFrontEnds(String recoveryId, String poolFqdn) {
        org.lyncrunbooks.topology.Pool pool = topology.pool(poolFqdn).orElseThrow(() -> new RecoveryRefusedException(
                Status.NOT_FOUND, "'" + PublishedSets.printable(String.valueOf(poolFqdn)) + "' is not a pool of the topology"));
        cmdlets.startFrontEnds(recoveryId, pool);
    }

    /** R4 step 13: {@code Import-CsLisConfiguration} of the set's {@code cms/LisConfiguration.zip}. */
    public void restoreLisConfiguration(String recoveryId, String setId) {
        cmdlets.restoreLisConfiguration(recoveryId, readableSet(setId));
    }

    /** R13: {@code Import-CsRgsConfiguration -OverwriteOwner} into the failed server's pool. */
    public void restoreResponseGroup(String recoveryId, String failedServerFqdn, String setId) {
        cmdlets.restoreResponseGroup(recoveryId, plan(failedServerFqdn), readableSet(setId));
    }

    /**
     * R8 for an Edge server: exports the configuration into {@code lync.recovery.edge-export-folder}; returns the zip's
     * path as the Management Shell's host sees it.
     */
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
