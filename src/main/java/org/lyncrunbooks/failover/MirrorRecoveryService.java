package org.lyncrunbooks.failover;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.CmdletFailedException;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.recovery.RunningRecoveries;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The work of the {@code lync-recovery-mirror} runbook without the engine, in the order of Microsoft's "Restoring a
 * mirrored Enterprise Edition Back End Server" (R6 primary lost, R7 mirror lost) and "Failing over a mirrored
 * database" (H17): read {@code Get-CsDatabaseMirrorState}, fail every database type whose principal was on the lost
 * side over to the surviving side ({@code Invoke-CsDatabaseFailover -Force}) unless the witness already did, remove the
 * broken mirroring ({@code Uninstall-CsMirrorDatabase}), check that the rebuilt server answers and is clean, then
 * {@code Install-CsMirrorDatabase} and read the state until it is synchronized. Each step reads the farm before it
 * acts, so running it again does what is left and nothing twice; a step the farm refuses stops with the cmdlet's own
 * reason ({@link FailoverStepBlockedException}).
 */
@Service
public class MirrorRecoveryService {

    private static final Logger log = LoggerFactory.getLogger(MirrorRecoveryService.class);
    static final String PRIMARY = "Primary";
    static final String MIRROR = "Mirror";
    static final String SYNCHRONIZED = "synchronized";

    private final Topology topology;
    private final LyncShell shell;
    private final SqlServerClient sql;
    private final RunningRecoveries running;
    private final MirrorProperties properties;
    private final Clock clock;

    MirrorRecoveryService(Topology topology, LyncShell shell, SqlServerClient sql, RunningRecoveries running,
                          MirrorProperties properties, Clock clock) {
        this.topology = topology;
        this.shell = shell;
        this.sql = sql;
        this.running = running;
        this.properties = properties;
        this.clock = clock;
    }

    /** The mirrored Back End of the pool, which side was lost and which survives, and the database types it holds. */
    public record Assessment(String poolFqdn, String backEnd, String lostSqlServerFqdn, String lostSide,
                             String survivingSide, String survivingSqlServerFqdn, String sqlInstanceName,
                             String witness, List<String> databaseTypes) {
    }

    /** What {@code Get-CsDatabaseMirrorState} says: whether a failover is still needed, and in words per type. */
    public record MirrorState(boolean failoverNeeded, boolean failedOverByWitness, String summary) {
    }

    public Instant now() {
        return clock.instant();
    }

    /** The wait between two reads of the mirror state, as an ISO-8601 duration for the timer. */
    public String checkInterval() {
        return properties.checkInterval().toString();
    }

    /**
     * The start: the pool is a Front End pool whose Back End has a mirror, the lost server is one of its two sides, and
     * no failover or recovery of the pool or of that server runs. Runs in the start transaction, so a refusal leaves no
     * instance.
     *
     * @throws FailoverRefusedException why it may not start and what to do instead
     */
    public Assessment start(String poolFqdn, String lostSqlServerFqdn) {
        String fqdn = poolFqdn == null ? "" : poolFqdn.strip().toLowerCase(Locale.ROOT);
        String lost = lostSqlServerFqdn == null ? "" : lostSqlServerFqdn.strip().toLowerCase(Locale.ROOT);
        if (fqdn.isEmpty() || lost.isEmpty()) {
            throw new FailoverRefusedException("poolFqdn and lostSqlServerFqdn are both required: the pool whose Back "
                    + "End is mirrored, and the SQL Server of that Back End (its principal or its mirror) that was lost");
        }
        Pool pool = topology.pool(fqdn).filter(p -> p.kind().isRegistrar()).orElseThrow(() -> new FailoverRefusedException(
                Status.NOT_FOUND, "'" + fqdn + "' is not a Front End pool of the topology; pools with a mirrored Back "
                + "End: " + mirroredPools()));
        SqlStore store = topology.sqlStore(pool.backEnd()).filter(s -> s.mirrorStore().isPresent()).orElseThrow(() ->
                new FailoverRefusedException(Status.UNPROCESSABLE, "the Back End of " + pool.fqdn() + " ("
                        + pool.backEnd().display() + ") has no SQL Server mirror in the topology, so there is no side "
                        + "to fail over to. Recover the Back End from a backup set instead (Recover a Lync server); "
                        + "pools with a mirrored Back End: " + mirroredPools()));
        SqlStoreRef mirror = store.mirrorStore().orElseThrow();
        String lostSide;
        SqlStoreRef surviving;
        if (store.fqdn().equalsIgnoreCase(lost)) {
            lostSide = PRIMARY;
            surviving = mirror;
        } else if (mirror.fqdn().equalsIgnoreCase(lost)) {
            lostSide = MIRROR;
            surviving = store.ref();
        } else {
            throw new FailoverRefusedException("'" + lost + "' is neither the primary (" + store.fqdn() + ") nor the "
                    + "mirror (" + mirror.fqdn() + ") of the Back End of " + pool.fqdn() + ".");
        }
        List<RunningRecoveries.Running> found = running.of(List.of(pool.fqdn(), lost));
        if (!found.isEmpty()) {
            throw FailoverService.alreadyRunning(found.get(0));
        }
        return new Assessment(pool.fqdn(), store.ref().display(), lost, lostSide, lostSide.equals(PRIMARY) ? MIRROR
                : PRIMARY, surviving.fqdn(), store.instance(), store.witnessStore().map(SqlStoreRef::display).orElse(""),
                databaseTypes(store));
    }

    /**
     * {@code Get-CsDatabaseMirrorState -PoolFqdn <pool> -DatabaseType <type>} for each type: a failover is needed when
     * a type's principal is not on the surviving side; the witness did it when every type is principal there already
     * and the lost side was the primary.
     */
    public MirrorState readState(String poolFqdn, List<String> types, String survivingSide, String lostSide) {
        List<String> lines = new ArrayList<>();
        boolean needed = false;
        for (String type : types) {
            Side side = principal(poolFqdn, type);
            needed |= !survivingSide.equals(side.principal());
            lines.add(type + ": principal on " + (side.principal().isEmpty() ? "no side that answers"
                    : side.principal()) + " (mirroring " + side.status() + ")");
        }
        boolean byWitness = !needed && PRIMARY.equals(lostSide);
        log.info("Mirror of {}: {}", poolFqdn, String.join("; ", lines));
        return new MirrorState(needed, byWitness, String.join("\n", lines));
    }

    /**
     * H17 / R6 step 1: {@code Invoke-CsDatabaseFailover -PoolFqdn <pool> -DatabaseType <type> -NewPrincipal
     * <surviving side> -Force -Verbose} for each type still principal elsewhere.
     */
    public List<String> failOverDatabases(String poolFqdn, List<String> types, String survivingSide) {
        List<String> done = new ArrayList<>();
        for (String type : types) {
            if (survivingSide.equals(principal(poolFqdn, type).principal())) {
                continue;
            }
            run("fail the " + type + " databases over to the " + survivingSide.toLowerCase(Locale.ROOT) + " side",
                    Cmdlet.of("Invoke-CsDatabaseFailover").with("PoolFqdn", poolFqdn).with("DatabaseType", type)
                            .with("NewPrincipal", survivingSide).withSwitch("Force").withSwitch("Verbose"),
                    "The surviving side must answer: check that its SQL Server service runs, then retry.");
            done.add(type);
        }
        return done;
    }

    /** After the failover: every type must read principal on the surviving side before anything else changes. */
    public void checkSurvivingPrincipal(String poolFqdn, List<String> types, String survivingSide) {
        for (String type : types) {
            Side side = principal(poolFqdn, type);
            if (!survivingSide.equals(side.principal())) {
                throw new FailoverStepBlockedException("Get-CsDatabaseMirrorState -PoolFqdn " + poolFqdn
                        + " -DatabaseType " + type + " does not read the " + survivingSide.toLowerCase(Locale.ROOT)
                        + " side as principal (" + (side.principal().isEmpty() ? "no side answers" : side.principal())
                        + "), so users are not served from it. Fail the databases over to it, then retry.");
            }
        }
    }

    /**
     * R6 step 3 / R7 step 1: {@code Uninstall-CsMirrorDatabase -DatabaseType <type> -SqlServerFqdn <surviving server>
     * -SqlInstanceName <instance>} for each type. A type with no mirror any more is left alone.
     */
    public void uninstallMirror(String poolFqdn, List<String> types, String survivingFqdn, String instance) {
        for (String type : types) {
            if (principal(poolFqdn, type).status().isEmpty()) {
                continue;
            }
            run("remove the mirroring of the " + type + " databases", Cmdlet.of("Uninstall-CsMirrorDatabase")
                    .with("DatabaseType", type).with("SqlServerFqdn", survivingFqdn).with("SqlInstanceName", instance)
                    .withSwitch("Verbose"), "The surviving server " + survivingFqdn + " must be principal and answer; "
                    + "check Get-CsDatabaseMirrorState, then retry.");
        }
    }

    /**
     * The rebuilt server answers and holds none of the Back End's databases (D3, I6: a rebuild goes to a clean
     * server). Empty when it does; otherwise why not, for the DBA.
     */
    public Optional<String> rebuiltSqlServerRefusal(String backEnd, String lostSqlServerFqdn, String instance) {
        SqlStore store = topology.sqlStores().stream().filter(s -> s.ref().display().equalsIgnoreCase(backEnd))
                .findFirst().orElseThrow(() -> new IllegalStateException("Back End " + backEnd + " is not in the topology"));
        SqlStoreRef rebuilt = new SqlStoreRef(lostSqlServerFqdn, instance);
        List<String> held = new ArrayList<>();
        try {
            for (LyncDatabase db : store.databases()) {
                if (sql.databaseState(rebuilt, db.databaseName()) != SqlServerClient.DatabaseState.ABSENT) {
                    held.add(db.databaseName());
                }
            }
        } catch (SqlServerException e) {
            return Optional.of(rebuilt.display() + " does not answer: " + e.getMessage() + " Rebuild the server with "
                    + "the same FQDN and install SQL Server with the instance name " + instance + ", then confirm again.");
        }
        if (!held.isEmpty()) {
            return Optional.of(rebuilt.display() + " is not clean: it holds " + String.join(", ", held) + " from before "
                    + "the loss. A mirror is created only on a rebuilt server (same FQDN, SQL Server with the same "
                    + "instance name, no Lync databases); rebuild it, then confirm again.");
        }
        return Optional.empty();
    }

    /**
     * R6 step 5 / R7 step 3: {@code Install-CsMirrorDatabase -ConfiguredDatabases -FileShare <share> -SqlServerFqdn
     * <principal server> -DropExistingDatabasesOnMirror -Verbose}.
     */
    public String installMirror(String survivingFqdn) {
        if (properties.fileShare().isEmpty()) {
            throw new FailoverStepBlockedException("lync.failover.mirror.file-share is not set: Install-CsMirrorDatabase "
                    + "needs a UNC file share that both SQL Server service accounts can read and write (P3). Set it, "
                    + "restart the application, then retry.");
        }
        return run("create the mirror databases", Cmdlet.of("Install-CsMirrorDatabase").withSwitch("ConfiguredDatabases")
                .with("FileShare", properties.fileShare()).with("SqlServerFqdn", survivingFqdn)
                .withSwitch("DropExistingDatabasesOnMirror").withSwitch("Verbose"), "Check that the rebuilt server "
                + "answers on the mirroring port (5022), that both SQL Server service accounts can write to "
                + properties.fileShare() + ", then retry.").strip();
    }

    /**
     * Whether every type reads synchronized on both sides. After {@code synchronizationChecks} reads that do not, the
     * step is blocked for an operator.
     */
    public boolean mirrorSynchronized(String poolFqdn, List<String> types, int checksDone) {
        List<String> behind = new ArrayList<>();
        for (String type : types) {
            Side side = principal(poolFqdn, type);
            if (!side.synchronizedBothSides()) {
                behind.add(type + " (" + (side.status().isEmpty() ? "not mirrored" : side.status()) + ")");
            }
        }
        if (behind.isEmpty()) {
            return true;
        }
        if (checksDone + 1 >= properties.synchronizationChecks()) {
            throw new FailoverStepBlockedException("the mirror is not synchronized after " + (checksDone + 1)
                    + " reads of Get-CsDatabaseMirrorState: " + String.join(", ", behind) + ". Check the mirroring "
                    + "endpoints (port 5022) and the SQL Server error log of both sides, then retry.");
        }
        return false;
    }

    /** One type's mirror state: the side that reads Principal ("" when none answers) and the mirroring status. */
    record Side(String principal, String status, boolean synchronizedBothSides) {
    }

    Side principal(String poolFqdn, String type) {
        String out = run("read the mirror state of the " + type + " databases", Cmdlet.of("Get-CsDatabaseMirrorState")
                .with("PoolFqdn", poolFqdn).with("DatabaseType", type), "Check that a Front End of " + poolFqdn
                + " answers and that the Central Management store answers, then retry.");
        List<Map<String, String>> objects = ShellList.objects(out);
        Set<String> principals = new LinkedHashSet<>();
        Set<String> statuses = new LinkedHashSet<>();
        boolean both = !objects.isEmpty();
        for (Map<String, String> o : objects) {
            String onPrimary = o.getOrDefault("stateonprimary", "");
            String onMirror = o.getOrDefault("stateonmirror", "");
            principals.add("Principal".equalsIgnoreCase(onPrimary) ? PRIMARY
                    : "Principal".equalsIgnoreCase(onMirror) ? MIRROR : "");
            String statusPrimary = o.getOrDefault("mirroringstatusonprimary", "");
            String statusMirror = o.getOrDefault("mirroringstatusonmirror", "");
            statuses.add(!statusPrimary.isEmpty() ? statusPrimary : statusMirror);
            both &= SYNCHRONIZED.equalsIgnoreCase(statusPrimary) && SYNCHRONIZED.equalsIgnoreCase(statusMirror);
        }
        String principal = principals.size() == 1 ? principals.iterator().next() : "";
        return new Side(principal, String.join("/", statuses), both);
    }

    private static List<String> databaseTypes(SqlStore store) {
        Set<String> types = new LinkedHashSet<>();
        for (LyncDatabase db : store.databases()) {
            switch (db) {
                case XDS, LIS -> types.add("CentralMgmt");
                case RTCXDS, RTCSHARED, RTCAB, RTCAB1, RTCDYN -> types.add("User");
                case RGSCONFIG, RGSDYN, CPSDYN -> types.add("Application");
                case LCSLOG -> types.add("Archiving");
                case LCSCDR, QOEMETRICS -> types.add("Monitoring");
                case MGC -> types.add("PersistentChat");
                case MGCCOMP -> types.add("PersistentChatCompliance");
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String t : List.of("User", "CentralMgmt", "Application", "Archiving", "Monitoring", "PersistentChat",
                "PersistentChatCompliance")) {
            if (types.contains(t)) {
                ordered.add(t);
            }
        }
        return ordered;
    }

    private String mirroredPools() {
        List<String> pools = topology.pools().filter(p -> p.kind().isRegistrar() && p.backEnd() != null
                && topology.sqlStore(p.backEnd()).flatMap(SqlStore::mirrorStore).isPresent()).map(Pool::fqdn).toList();
        return pools.isEmpty() ? "none" : String.join(", ", pools);
    }

    private String run(String what, Cmdlet cmdlet, String whatToDo) {
        try {
            return shell.run(cmdlet).stdout();
        } catch (CmdletFailedException e) {
            throw new FailoverStepBlockedException("could not " + what + ": " + e.getMessage() + "\nWhat to do: " + whatToDo);
        }
    }
}
