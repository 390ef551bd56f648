package org.lyncrunbooks.failover;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.backup.BackupProperties;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestException;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.CmdletFailedException;
import org.lyncrunbooks.lyncshell.CmdletTimeoutException;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.recovery.RunningRecoveries;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The work of the {@code lync-pool-failover} runbook without the engine, in the order of Microsoft's "Failing over a
 * pool" (H13 and the addendum's JJ204678): find where the Central Management store is and fail it over first when it
 * was in the failed pool, re-point the Edge pools whose next hop is the failed pool, {@code Invoke-CsPoolFailover
 * -DisasterMode}, then LIS into the store the backup pool now uses. Each step reads the farm before it acts, so running
 * it again after a crash or a retry does what is left and nothing twice. A step the farm refuses stops with the
 * cmdlet's own reason and what to do ({@link FailoverStepBlockedException}).
 *
 * <p>The Edge re-pointing runs after the Central Management store is known to answer: {@code Set-CsEdgeServer} writes
 * the topology in that store, so with the store lost together with the pool it cannot run before the store's failover.
 */
@Service
public class FailoverService {

    private static final Logger log = LoggerFactory.getLogger(FailoverService.class);
    private static final String LIS_FILE = "cms/LisConfiguration.zip";

    private final Topology topology;
    private final LyncShell shell;
    private final BackupShare share;
    private final String serverRoot;
    private final RunningRecoveries running;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    FailoverService(Topology topology, LyncShell shell, BackupShare share, BackupProperties backup,
                    RunningRecoveries running, Clock clock) {
        this(topology, shell, share, backup.serverRoot(), running, clock);
    }

    /** @param serverRoot the backup share's root as the Windows servers see it ({@code lync.backup.root-unc}) */
    FailoverService(Topology topology, LyncShell shell, BackupShare share, String serverRoot, RunningRecoveries running,
                    Clock clock) {
        this.topology = topology;
        this.shell = shell;
        this.share = share;
        this.serverRoot = serverRoot;
        this.running = running;
        this.clock = clock;
    }

    /** The failed pool, its backup pool, its site and the Edge pools whose next hop it is, as the topology says. */
    public record Assessment(String failedPoolFqdn, String backupPoolFqdn, String site, List<String> edgePools) {
    }

    /** The two data-loss windows: the Backup Service's last copy (failover) and the newest backup set (rebuild). */
    public record Situation(Instant lastSyncAt, String backupServiceStatus, String setId, Instant setCompletedAt) {
    }

    /** Where the Central Management store is, and whether it has to be failed over before the pool. */
    public record CmsLocation(String cmsPoolFqdn, String activeMaster, boolean failoverNeeded) {
    }

    /**
     * The start: the pool is a Front End pool of the topology with a backup pool, and no failover or recovery of it
     * runs. Runs in the start transaction, so a refusal leaves no instance.
     *
     * @throws FailoverRefusedException why it may not start and what to do instead
     */
    public Assessment start(FailoverInputs.StartRequest request) {
        String fqdn = request.failedPoolFqdn().strip();
        Pool pool = topology.pool(fqdn).orElseThrow(() -> new FailoverRefusedException(Status.NOT_FOUND, "'" + fqdn
                + "' is not a pool of the topology; Front End pools with a backup pool: " + pairedPools()));
        if (!pool.kind().isRegistrar()) {
            throw new FailoverRefusedException("'" + pool.fqdn() + "' is not a Front End pool (its kind is "
                    + pool.kind().yamlName() + "); only "
                    + "Front End pools and Standard Edition servers are failed over to a backup pool. Front End pools "
                    + "with a backup pool: " + pairedPools());
        }
        Pool backup = topology.backupPoolOf(pool).orElseThrow(() -> new FailoverRefusedException(Status.UNPROCESSABLE,
                "pool " + pool.fqdn() + " has no backup pool in the topology, so it cannot be failed over (Lync fails "
                        + "over only to an associated backup pool). Rebuild its servers from a backup set instead "
                        + "(Recover a Lync server), or pair it with another pool in Topology Builder first."));
        List<RunningRecoveries.Running> found = running.of(List.of(pool.fqdn()));
        if (!found.isEmpty()) {
            throw alreadyRunning(found.get(0));
        }
        List<String> edges = topology.edgePoolsWithNextHop(pool.fqdn()).stream().map(Pool::fqdn).toList();
        return new Assessment(pool.fqdn(), backup.fqdn(), pool.site(), edges);
    }

    /** The refusal of a start while a failover or recovery of the same pool or server runs: which one, and where it is. */
    static FailoverRefusedException alreadyRunning(RunningRecoveries.Running first) {
        return new FailoverRefusedException(Status.CONFLICT, "a failover or recovery of " + first.subject()
                + " is already running: " + first.recoveryId() + " (" + first.process() + "), "
                + (first.waitingAt().isEmpty() ? "busy with an automated step"
                : "waiting at " + String.join("; ", first.waitingAt()))
                + ". Finish that one, or have an administrator cancel it in Cockpit, before starting another.");
    }

    /**
     * A failback's start (H14): the pool is a Front End pool with a backup pool, and no failover, failback or recovery
     * of it runs. Whether its users are failed over, and whether the Backup Service is steady, the farm says in the
     * steps that follow.
     */
    public Assessment startFailback(FailoverInputs.StartRequest request) {
        return start(request);
    }

    /**
     * Failback needs the Backup Service steady in both directions (H14): the backup pool's copy of what the users
     * changed during the failover has reached the repaired pool. {@code Invoke-CsBackupServiceSync} on the backup pool
     * starts that copy; {@code Get-CsBackupServiceStatus} on the pool must then read steady (or final, for the failed
     * over direction) both ways.
     */
    public String synchronizeBackupService(String poolFqdn, String backupPoolFqdn) {
        run("synchronize the Backup Service", Cmdlet.of("Invoke-CsBackupServiceSync").with("PoolFqdn", backupPoolFqdn),
                "The pool " + poolFqdn + " must run again (repaired or rebuilt) before failback; check that its Front "
                        + "Ends answer and LYNCBACKUP runs on both pools, then retry.");
        String status = run("read the Backup Service status", Cmdlet.of("Get-CsBackupServiceStatus")
                .with("PoolFqdn", poolFqdn), "Check that the Front Ends of " + poolFqdn + " answer, then retry.");
        String export = ShellList.first(status, "OverallExportStatus").orElse("unknown");
        String imported = ShellList.first(status, "OverallImportStatus").orElse("unknown");
        boolean steady = List.of("SteadyState", "FinalState").contains(export) && "SteadyState".equals(imported);
        if (!steady) {
            throw new FailoverStepBlockedException("the Backup Service between " + poolFqdn + " and " + backupPoolFqdn
                    + " is not steady in both directions (export " + export + ", import " + imported + "), so "
                    + "Invoke-CsPoolFailback would fail or lose what users changed during the failover. Wait for the "
                    + "next synchronization (Get-CsBackupServiceConfiguration: SyncInterval), then retry.");
        }
        return "export " + export + ", import " + imported;
    }

    /** H14: {@code Invoke-CsPoolFailback -PoolFqdn <pool> -Verbose}; -PoolFqdn names the pool that homed the users. */
    public String failBackPool(String poolFqdn) {
        return run("fail the pool back", Cmdlet.of("Invoke-CsPoolFailback").with("PoolFqdn", poolFqdn)
                .withSwitch("Verbose"), "Fix what the cmdlet names, then retry. A failback takes up to about 60 minutes "
                + "for 20,000 users.").strip();
    }

    /**
     * H16: conference content is copied back with {@code Invoke-CsBackupServiceSync -BackupModule
     * ConfServices.DataConf}, then {@code Get-CsBackupServiceStatus} must read steady.
     */
    public String resyncConferenceContent(String poolFqdn) {
        run("copy conference content back", Cmdlet.of("Invoke-CsBackupServiceSync").with("PoolFqdn", poolFqdn)
                .with("BackupModule", "ConfServices.DataConf"), "Retry once both pools answer.");
        String status = run("read the Backup Service status", Cmdlet.of("Get-CsBackupServiceStatus")
                .with("PoolFqdn", poolFqdn), "Retry.");
        String export = ShellList.first(status, "OverallExportStatus").orElse("unknown");
        if (!"SteadyState".equals(export)) {
            throw new FailoverStepBlockedException("conference content of " + poolFqdn + " is not copied yet (export "
                    + export + "). Wait for the Backup Service, then retry.");
        }
        return "conference content synchronized; export " + export;
    }

    /** One direction of the Backup Service as the health component reports it. */
    public record Direction(String from, String to, String status, Instant lastSteadyAt, boolean healthy, String problem) {
    }

    /**
     * Both directions of a pool pair (H12): {@code Get-CsBackupServiceStatus} per pool reads its export; a direction
     * that is not steady (or final, after a failover) is unhealthy once its last copy is older than
     * {@code unsteadyIntervals} times the {@code SyncInterval}; a pool whose status cannot be read is unhealthy.
     */
    public List<Direction> pairHealth(String poolFqdn, String partnerFqdn, int unsteadyIntervals) {
        java.time.Duration interval;
        try {
            String configuration = shell.run(Cmdlet.of("Get-CsBackupServiceConfiguration")).stdout();
            interval = ShellList.first(configuration, "SyncInterval").map(FailoverService::timeSpan)
                    .orElse(java.time.Duration.ofMinutes(2));
        } catch (CmdletFailedException e) {
            interval = java.time.Duration.ofMinutes(2);
        }
        java.time.Duration allowed = interval.multipliedBy(unsteadyIntervals);
        List<Direction> directions = new ArrayList<>();
        for (String[] d : List.of(new String[] {poolFqdn, partnerFqdn}, new String[] {partnerFqdn, poolFqdn})) {
            try {
                String status = shell.run(Cmdlet.of("Get-CsBackupServiceStatus").with("PoolFqdn", d[0])).stdout();
                String state = ShellList.first(status, "OverallExportStatus").orElse("unknown");
                Instant last = ShellList.first(status, "LastExportTime").map(FailoverService::instant).orElse(null);
                boolean steady = "SteadyState".equals(state) || "FinalState".equals(state);
                boolean late = last == null || java.time.Duration.between(last, clock.instant()).compareTo(allowed) > 0;
                directions.add(new Direction(d[0], d[1], state, last, steady || !late, steady || !late ? null
                        : "not in steady state since " + (last == null ? "ever" : FailoverVariables.second(last))
                        + ", longer than " + unsteadyIntervals + " × SyncInterval (" + allowed + ")"));
            } catch (CmdletFailedException e) {
                directions.add(new Direction(d[0], d[1], "unavailable", null, false, e.getMessage()));
            }
        }
        return directions;
    }

    private static java.time.Duration timeSpan(String text) {
        String[] p = text.split(":");
        if (p.length != 3) {
            return java.time.Duration.ofMinutes(2);
        }
        return java.time.Duration.ofHours(Long.parseLong(p[0].strip())).plusMinutes(Long.parseLong(p[1]))
                .plusSeconds((long) Double.parseDouble(p[2]));
    }

    /** The pool pairs of the topology, each once. */
    public List<List<String>> pairs() {
        List<List<String>> pairs = new ArrayList<>();
        topology.pools().forEach(p -> p.backupPoolFqdn().ifPresent(b -> {
            if (p.fqdn().compareTo(b) < 0) {
                pairs.add(List.of(p.fqdn(), b));
            }
        }));
        return pairs;
    }

    /**
     * What each choice would lose: {@code Get-CsBackupServiceStatus} on the backup pool says when it last received the
     * failed pool's data; the newest published set says what a rebuild would go back to.
     */
    public Situation situation(String failedPoolFqdn, String backupPoolFqdn) {
        String status = run("assess the Backup Service", Cmdlet.of("Get-CsBackupServiceStatus")
                .with("PoolFqdn", backupPoolFqdn), "Check that the backup pool " + backupPoolFqdn + " runs and that its "
                + "Backup Service (LYNCBACKUP) is started, then retry.");
        Instant lastSync = ShellList.first(status, "LastImportTime").map(FailoverService::instant).orElse(null);
        String state = ShellList.first(status, "OverallImportStatus").orElse("unknown");
        Optional<SetId> current = share.current();
        Instant completed = current.flatMap(this::completedAt).orElse(null);
        log.info("Failover of {}: the backup pool {} last received its data at {} ({}); the newest set is {}",
                failedPoolFqdn, backupPoolFqdn, lastSync, state, current.map(SetId::toString).orElse("none"));
        return new Situation(lastSync, state, current.map(SetId::toString).orElse(null), completed);
    }

    /**
     * Microsoft's steps 1–3: {@code Invoke-CsManagementServerFailover -WhatIf} names the pool of the store,
     * {@code Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus} whether its master answers. The store
     * is failed over first when it was in the failed pool or does not answer.
     */
    public CmsLocation locateCentralManagementStore(String failedPoolFqdn) {
        String whatIf = run("find the Central Management store", Cmdlet.of("Invoke-CsManagementServerFailover")
                .withSwitch("WhatIf"), "Run the cmdlet on a Front End of the backup pool and retry.");
        String cmsPool = target(whatIf).orElseThrow(() -> new FailoverStepBlockedException(
                "Invoke-CsManagementServerFailover -WhatIf did not name the pool of the Central Management store: "
                        + whatIf.strip() + ". Find it in Topology Builder and retry."));
        String status = run("check the Central Management store", Cmdlet.of("Get-CsManagementStoreReplicationStatus")
                .withSwitch("CentralManagementStoreStatus"), "Retry once the Front Ends of the backup pool answer.");
        String master = ShellList.first(status, "ActiveMasterFqdn").orElse("");
        boolean needed = cmsPool.equalsIgnoreCase(failedPoolFqdn) || master.isEmpty();
        return new CmsLocation(cmsPool.toLowerCase(java.util.Locale.ROOT), master, needed);
    }

    /**
     * At failback: whether the failover moved the Central Management store away from the pool being failed back —
     * {@code Invoke-CsManagementServerFailover -WhatIf} names its backup pool while the topology says the pool homes the
     * store. Then the operator is asked where it stays (H4: failing it back is not needed).
     */
    public boolean centralManagementStoreAwayFromHome(String poolFqdn, String backupPoolFqdn) {
        boolean home = topology.pool(poolFqdn).map(Pool::hostsCentralManagementStore).orElse(false);
        String whatIf = run("find the Central Management store", Cmdlet.of("Invoke-CsManagementServerFailover")
                .withSwitch("WhatIf"), "Run the cmdlet on a Front End of the pool and retry.");
        return home && target(whatIf).filter(backupPoolFqdn::equalsIgnoreCase).isPresent();
    }

    /**
     * At failback, when the operator chose it: {@code Invoke-CsManagementServerFailover} in normal mode (the store
     * answers, so it moves to its preassigned backup, the home pool's Back End; H4), then both status fields must name
     * the home pool and every replica read {@code True}. Done already when {@code -WhatIf} names the home pool.
     */
    public String failBackCentralManagementStore(String poolFqdn, String backupPoolFqdn) {
        String whatIf = run("find the Central Management store", Cmdlet.of("Invoke-CsManagementServerFailover")
                .withSwitch("WhatIf"), "Retry.");
        if (target(whatIf).filter(backupPoolFqdn::equalsIgnoreCase).isPresent()) {
            run("fail the Central Management store back", Cmdlet.of("Invoke-CsManagementServerFailover")
                    .withSwitch("Force"), "The store in " + backupPoolFqdn + " must answer, and the home pool's Back End "
                    + "must hold the standby store (xds, lis); fix what the cmdlet names, then retry.");
        }
        return checkCentralManagementStore(backupPoolFqdn, "");
    }

    /**
     * Step 4: fails the store over to the Back End of its pool's backup pool — its primary or, when the mirror is the
     * principal ({@code Get-CsDatabaseMirrorState -DatabaseType CentralMgmt}), its mirror — with {@code -Force}, which
     * does not wait for replication from the lost master. Done already when {@code -WhatIf} names the backup pool.
     */
    public String failOverCentralManagementStore(String cmsPoolFqdn) {
        Pool cmsPool = topology.pool(cmsPoolFqdn).orElseThrow(() -> new FailoverStepBlockedException("'" + cmsPoolFqdn
                + "' hosts the Central Management store but is not in the topology file; update the topology and retry."));
        Pool backup = topology.backupPoolOf(cmsPool).orElseThrow(() -> new FailoverStepBlockedException("the Central "
                + "Management store's pool " + cmsPool.fqdn() + " has no backup pool, so there is no standby store to "
                + "fail over to. Install the store on a surviving Back End (Install-CsDatabase -CentralManagementDatabase, "
                + "Move-CsManagementServer) by hand, then retry."));
        String whatIf = run("find the Central Management store", Cmdlet.of("Invoke-CsManagementServerFailover")
                .withSwitch("WhatIf"), "Retry.");
        if (target(whatIf).filter(backup.fqdn()::equalsIgnoreCase).isPresent()) {
            return "The Central Management store is already in " + backup.fqdn() + ".";
        }
        SqlStore store = topology.sqlStore(backup.backEnd()).orElseThrow();
        String mirrorState = run("see which Back End is principal", Cmdlet.of("Get-CsDatabaseMirrorState")
                .with("DatabaseType", "CentralMgmt").with("PoolFqdn", backup.fqdn()), "Check the backup pool's Back End "
                + store.ref().display() + " answers, then retry.");
        boolean mirrorIsPrincipal = ShellList.objects(mirrorState).stream()
                .anyMatch(o -> "Principal".equalsIgnoreCase(o.get("stateonmirror")));
        Cmdlet failover = Cmdlet.of("Invoke-CsManagementServerFailover");
        if (mirrorIsPrincipal && store.mirrorStore().isPresent()) {
            SqlStoreRef mirror = store.mirrorStore().get();
            failover = failover.with("BackupMirrorSqlServerFqdn", mirror.fqdn())
                    .with("BackupMirrorSqlInstanceName", mirror.instance());
        } else {
            failover = failover.with("BackupSqlServerFqdn", store.fqdn()).with("BackupSqlInstanceName", store.instance());
        }
        return run("fail over the Central Management store", failover.withSwitch("Force"), "Fix what the cmdlet names "
                + "on the backup pool's Back End, then retry.").strip();
    }

    /**
     * Step 4's validation: both status fields name the backup pool, and every replica of a Lync server outside the
     * failed pool's site is up to date. Servers of the failed site cannot answer and are left out, by name.
     */
    public String checkCentralManagementStore(String cmsPoolFqdn, String failedPoolFqdn) {
        Pool cmsPool = topology.pool(cmsPoolFqdn).orElseThrow();
        String backup = topology.backupPoolOf(cmsPool).map(Pool::fqdn).orElse(cmsPoolFqdn);
        String status = run("check the Central Management store", Cmdlet.of("Get-CsManagementStoreReplicationStatus")
                .withSwitch("CentralManagementStoreStatus"), "Retry.");
        String master = ShellList.first(status, "ActiveMasterFqdn").orElse("");
        String agents = ShellList.first(status, "ActiveFileTransferAgents").orElse("");
        if (!master.equalsIgnoreCase(backup) || !agents.toLowerCase(java.util.Locale.ROOT).contains(backup)) {
            throw new FailoverStepBlockedException("the Central Management store is not failed over yet: "
                    + "ActiveMasterFqdn is '" + master + "' and ActiveFileTransferAgents '" + agents + "', where both "
                    + "must name " + backup + ". Run Invoke-CsManagementServerFailover on a Front End of " + backup
                    + " as Microsoft's procedure says, then retry.");
        }
        String site = topology.pool(failedPoolFqdn).map(Pool::site).orElse("");
        List<String> excused = topology.sites().stream().filter(s -> s.name().equals(site))
                .flatMap(s -> s.pools().stream()).flatMap(p -> p.servers().stream()).toList();
        String replicas = run("check the replicas", Cmdlet.of("Get-CsManagementStoreReplicationStatus"), "Retry.");
        List<String> stale = new ArrayList<>();
        for (Map<String, String> replica : ShellList.objects(replicas)) {
            String fqdn = replica.getOrDefault("replicafqdn", "");
            if (!"True".equalsIgnoreCase(replica.get("uptodate")) && !excused.contains(fqdn.toLowerCase(java.util.Locale.ROOT))) {
                stale.add(fqdn);
            }
        }
        if (!stale.isEmpty()) {
            throw new FailoverStepBlockedException("the Central Management store's replicas are not all up to date "
                    + "(UpToDate False): " + String.join(", ", stale) + ". Check that those servers run and reach "
                    + backup + " (Get-CsManagementStoreReplicationStatus), wait for replication, then retry.");
        }
        return "ActiveMasterFqdn and ActiveFileTransferAgents name " + backup + "; every replica outside site " + site
                + " is up to date";
    }

    /**
     * Step 0: every Edge pool whose next hop in the topology is the failed pool gets the backup pool as its next hop
     * ({@code Set-CsEdgeServer -Identity EdgeServer:<edge> -Registrar Registrar:<backup pool>}); otherwise
     * {@code Invoke-CsPoolFailover} refuses. Setting the same next hop again changes nothing.
     */
    public List<String> repointEdgeServers(String failedPoolFqdn, String backupPoolFqdn) {
        List<String> done = new ArrayList<>();
        for (Pool edge : topology.edgePoolsWithNextHop(failedPoolFqdn)) {
            run("re-point the Edge pool " + edge.fqdn(), Cmdlet.of("Set-CsEdgeServer")
                    .with("Identity", "EdgeServer:" + edge.fqdn()).with("Registrar", "Registrar:" + backupPoolFqdn),
                    "Set-CsEdgeServer writes the topology in the Central Management store, which must answer; or change "
                            + "the Edge pool's next hop in Topology Builder and publish, then retry.");
            done.add(edge.fqdn() + " → " + backupPoolFqdn);
        }
        return done;
    }

    /**
     * Step 5: {@code Invoke-CsPoolFailover -PoolFqdn <failed> -DisasterMode -Verbose}. When the pool's users are
     * failed over already (a retry after a crash), that is the outcome wanted.
     */
    public String failOverPool(String failedPoolFqdn) {
        try {
            return shell.run(Cmdlet.of("Invoke-CsPoolFailover").with("PoolFqdn", failedPoolFqdn).withSwitch("DisasterMode")
                    .withSwitch("Verbose")).stdout().strip();
        } catch (CmdletTimeoutException e) {
            throw new FailoverStepBlockedException(e.getMessage() + "\nWhat to do: check on a Front End of the backup "
                    + "pool whether the failover finished (Get-CsBackupServiceStatus), then retry.");
        } catch (CmdletFailedException e) {
            if (e.getMessage().contains("is already failed over to")) {
                return "The users of " + failedPoolFqdn + " were already failed over: " + e.getMessage();
            }
            throw new FailoverStepBlockedException(e.getMessage() + "\nWhat to do: fix what the cmdlet names (an Edge "
                    + "next hop, the Central Management store), then retry; Microsoft says to rerun the cmdlet once the "
                    + "cause is fixed.");
        }
    }

    /** Step 6 (H9): LIS is not replicated; import the newest set's export into the store and publish it. */
    public String restoreLisIntoBackupPool(String setId) {
        if (setId == null) {
            throw new FailoverStepBlockedException("there is no published backup set, so there is no LIS export to "
                    + "import: clients in the failed site's locations get no location until LIS is entered again. Take a "
                    + "backup (it exports LIS from the failed-over store), then retry.");
        }
        String file = serverPath(setId + "/" + LIS_FILE);
        run("import LIS", Cmdlet.of("Import-CsLisConfiguration").with("FileName", file), "Check that the set's file "
                + file + " is readable from the Front End, then retry.");
        run("publish LIS", Cmdlet.of("Publish-CsLisConfiguration"), "Retry.");
        return "Imported and published LIS from " + file;
    }

    public Instant now() {
        return clock.instant();
    }

    private String run(String what, Cmdlet cmdlet, String whatToDo) {
        try {
            return shell.run(cmdlet).stdout();
        } catch (CmdletFailedException e) {
            throw new FailoverStepBlockedException("could not " + what + ": " + e.getMessage() + "\nWhat to do: " + whatToDo);
        }
    }

    private static Optional<String> target(String whatIf) {
        int at = whatIf.indexOf("on target \"");
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + "on target \"".length();
        int end = whatIf.indexOf('"', start);
        return end > start ? Optional.of(whatIf.substring(start, end)) : Optional.empty();
    }

    private Optional<Instant> completedAt(SetId id) {
        try {
            return Optional.ofNullable(ManifestReader.header(share.publishedDirectory(id).resolve(Manifest.FILE_NAME))
                    .completedAt());
        } catch (ManifestException e) {
            log.warn("The manifest of set {} cannot be read: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    private String serverPath(String relative) {
        boolean windows = serverRoot.startsWith("\\\\");
        String separator = windows ? "\\" : "/";
        String base = serverRoot.endsWith(separator) ? serverRoot.substring(0, serverRoot.length() - 1) : serverRoot;
        return base + separator + (windows ? relative.replace('/', '\\') : relative);
    }

    private String pairedPools() {
        List<String> pools = topology.pools().filter(p -> p.backupPoolFqdn().isPresent()).map(Pool::fqdn).toList();
        return pools.isEmpty() ? "none" : String.join(", ", pools);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
