package org.lyncrunbooks.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore steps Microsoft documents as Management Shell cmdlets, in the form R4, R5, R8, R10, R11,
 * R12 and R13 give them, each run once per recovery through the journal. Paths handed to the cmdlets are the set's
 * files as the Windows servers see them.
 */
final class CmdletSteps {

    private static final Logger log = LoggerFactory.getLogger(CmdletSteps.class);
    private static final int OUTPUT_LIMIT = 300;
    /** Where the set holds the CMS exports (see {@link BackupItem.CsConfiguration}, {@link BackupItem.CsLisConfiguration}). */
    private static final String CONFIGURATION_FILE = "cms/CsConfiguration.zip";
    private static final String LIS_FILE = "cms/LisConfiguration.zip";
    /** A folder as a Windows host sees it: a drive path or a UNC share. */
    private static final java.util.regex.Pattern WINDOWS_PATH = java.util.regex.Pattern.compile("([A-Za-z]:\\\\|\\\\\\\\).*");

    private final Topology topology;
    private final PublishedSets sets;
    private final RecoveryJournal journal;
    private final LyncShell shell;
    private final SqlServerClient sqlServer;
    private final SetupDatabases setupDatabases;
    private final String edgeExportFolder;

    CmdletSteps(Topology topology, PublishedSets sets, RecoveryJournal journal, LyncShell shell, SqlServerClient sqlServer,
                String edgeExportFolder) {
        this.topology = topology;
        this.sets = sets;
        this.journal = journal;
        this.shell = shell;
        this.sqlServer = sqlServer;
        this.setupDatabases = new SetupDatabases(journal, sqlServer);
        this.edgeExportFolder = edgeExportFolder;
    }

    /**
     * R4 step 6. {@code -Clean} drops what is there, so it runs only onto an instance whose xds and lis hold nothing,
     * or exactly what Lync setup wrote on this Standard Edition server ({@link SetupDatabases}); a Central Management
     * store holding anything else is refused with the reason, unless a manager approved the override.
     */
    void installCentralManagementDatabase(String recoveryId, RecoveryPlan plan, boolean overrideApproved) {
        SqlStoreRef store = centralManagementStore(plan);
        journal.run(recoveryId, "install-central-management-database", rerun -> {
            String note = "";
            if (!rerun) {
                List<String> setupOnly = new ArrayList<>();
                List<String> beyond = new ArrayList<>();
                Optional<Map<String, Map<String, Long>>> setup = setupDatabases.recorded(recoveryId);
                for (String db : SetupDatabases.DATABASES) {
                    if (sqlServer.databaseState(store, db) == SqlServerClient.DatabaseState.HOLDS_DATA) {
                        SetupDatabases.beyondSetup(db, sqlServer.tableRows(store, db), setup,
                                        plan.centralManagementStoreOnStandardEdition())
                                .ifPresentOrElse(beyond::add, () -> setupOnly.add(db));
                    }
                }
                if (!beyond.isEmpty() && !overrideApproved) {
                    throw new RestoreTargetNotCleanException("refusing Install-CsDatabase -CentralManagementDatabase "
                            + "-Clean on " + store.display() + ": " + String.join("; ", beyond) + ". That is a "
                            + "configuration, which -Clean would drop; nothing was changed. Drop or empty the "
                            + "Central Management store databases, or approve the override to reinstall them.");
                }
                if (!setupOnly.isEmpty()) {
                    note += "; " + String.join(" and ", setupOnly) + " held only the rows Prepare first Standard Edition "
                            + "server created, which -Clean drops and reinstalls (Microsoft's step 6 for a CMS host)";
                }
                if (!beyond.isEmpty()) {
                    note += "; " + String.join("; ", beyond) + " — reinstalled with the approved override";
                }
            }
            return run(Cmdlet.of("Install-CsDatabase").withSwitch("CentralManagementDatabase").withSwitch("Clean")
                    .with("SqlServerFqdn", store.fqdn()).with("SqlInstanceName", store.instance())) + note;
        });
    }

    /** R4 on Standard Edition: counts what setup wrote into xds and lis, for the step above to accept exactly that. */
    void recordSetupDatabases(String recoveryId, RecoveryPlan plan) {
        if (!plan.centralManagementStoreOnStandardEdition()) {
            throw new IllegalArgumentException(plan.failedServerFqdn() + " is not a Standard Edition server hosting the "
                    + "Central Management store (" + plan.role() + "); Lync setup creates no CMS there");
        }
        setupDatabases.record(recoveryId, centralManagementStore(plan));
    }

    /** R4 step 7. {@code -Force}: the shell is not interactive, so the cmdlet's confirmation prompt cannot be answered. */
    void setConfigurationStoreLocation(String recoveryId, RecoveryPlan plan) {
        SqlStoreRef store = centralManagementStore(plan);
        journal.run(recoveryId, "set-configuration-store-location", rerun -> run(Cmdlet.of("Set-CsConfigurationStoreLocation")
                .with("SqlServerFqdn", store.fqdn()).with("SqlInstanceName", store.instance()).withSwitch("Force")));
    }

    /** R4 step 8. */
    void importConfiguration(String recoveryId, SetId id) {
        String file = sets.serverPath(id, CONFIGURATION_FILE);
        journal.run(recoveryId, "import-configuration", rerun -> run(Cmdlet.of("Import-CsConfiguration").with("FileName", file)));
    }

    /** R4 step 9; R10 step 2 (it also sets the file store ACLs). */
    void enableTopology(String recoveryId) {
        journal.run(recoveryId, "enable-topology", rerun -> run(Cmdlet.of("Enable-CsTopology")));
    }

    /** R5 step 4 and R4 step 10, scripted: creates the databases the topology places on the server, keeping existing ones. */
    void installConfiguredDatabases(String recoveryId, RecoveryPlan plan) {
        String server = plan.failedServerFqdn();
        journal.run(recoveryId, "install-configured-databases:" + server, rerun -> run(Cmdlet.of("Install-CsDatabase")
                .withSwitch("ConfiguredDatabases").with("SqlServerFqdn", server)));
    }

    /**
     * R3 step 6, R4 step 12, R5 step 5: the Front End service is stopped on every server of the pool,
     * the data imported, and the services started together, in parallel — also after a failed import, so that a
     * failure does not leave the pool down.
     */
    void restoreUserData(String recoveryId, RecoveryPlan plan, SetId id) {
        restoreUserData(recoveryId, plan, id, List.of());
    }

    /**
     * As {@link #restoreUserData(String, RecoveryPlan, SetId)} in a pool recovery (R9), where {@code lost} servers of
     * the pool are still to be rebuilt: those have no service to stop or start, and the servers that run are started
     * again without waiting ({@code -NoWait}), since a pool that is down may need the rebuilt servers to start
     * (pool quorum); the pool recovery starts every Front End together once they are rebuilt.
     */
    void restoreUserData(String recoveryId, RecoveryPlan plan, SetId id, List<String> lost) {
        Pool pool = plan.pool().filter(p -> p.kind().isRegistrar()).orElseThrow(() -> new IllegalArgumentException(
                plan.failedServerFqdn() + " serves no Front End pool or Standard Edition server (" + plan.role()
                        + "); there is no user data to restore"));
        String file = sets.serverPath(id, new BackupItem.CsUserData(pool.fqdn(), pool.backEnd()).target());
        // the server this recovery rebuilt is back by now (a Standard Edition server is its own pool's Front End)
        List<String> present = pool.servers().stream()
                .filter(server -> server.equalsIgnoreCase(plan.failedServerFqdn())
                        || lost.stream().noneMatch(server::equalsIgnoreCase)).toList();
        boolean wait = present.size() == pool.servers().size();
        journal.run(recoveryId, "restore-user-data:" + pool.fqdn(), rerun -> {
            List<String> stopped = new ArrayList<>();
            String imported;
            try {
                for (String server : present) {
                    shell.run(Cmdlet.of("Stop-CsWindowsService").with("ComputerName", server));
                    stopped.add(server);
                }
                imported = run(Cmdlet.of("Import-CsUserData").with("PoolFqdn", pool.fqdn()).with("FileName", file));
            } catch (RuntimeException failure) {
                startServices(stopped, failure, wait);
                throw failure;
            }
            startServices(present, null, wait);
            return imported + (present.isEmpty() ? " (no server of the pool runs yet: " + String.join(", ", lost)
                    + " are being rebuilt)" : " (services stopped and started again on " + String.join(", ", present)
                    + (wait ? "" : "; " + String.join(", ", lost) + " are being rebuilt") + ")");
        });
    }

    /**
     * R9, at the end of a pool recovery: starts the Front End services on every server of the pool together, so that
     * a pool that was down reaches its quorum, and waits until they run.
     */
    void startFrontEnds(String recoveryId, Pool pool) {
        journal.run(recoveryId, "start-front-ends:" + pool.fqdn(), rerun -> {
            startServices(pool.servers(), null, true);
            return "services started on " + String.join(", ", pool.servers());
        });
    }

    /**
     * R4 step 13: re-inserts the locations removed since the backup, keeps newer ones; then commits the location
     * database to the Central Management store, without which clients never get it (C:Import-CsLisConfiguration,
     * C:Publish-CsLisConfiguration; R16 runs the two in sequence, R4 names only the import).
     */
    void restoreLisConfiguration(String recoveryId, SetId id) {
        String file = sets.serverPath(id, LIS_FILE);
        journal.run(recoveryId, "restore-lis-configuration", rerun -> run(Cmdlet.of("Import-CsLisConfiguration")
                .with("FileName", file)));
        journal.run(recoveryId, "publish-lis-configuration", rerun -> run(Cmdlet.of("Publish-CsLisConfiguration")));
    }

    /**
     * R13: {@code -OverwriteOwner} because the pool was redeployed and its Response Group service is a new instance;
     * {@code -ReplaceExistingRgsSettings} when the pool's rgsconfig database was on the failed server (the whole pool's
     * Response Group data was lost): the new service has written default pool-level settings (default music on hold,
     * agent ring-back grace period), which the import keeps unless told to replace them.
     */
    void restoreResponseGroup(String recoveryId, RecoveryPlan plan, SetId id) {
        Pool pool = plan.pool().filter(Pool::responseGroup).orElseThrow(() -> new IllegalArgumentException(
                plan.failedServerFqdn() + " serves no pool running Response Group (" + plan.role() + ")"));
        String file = sets.serverPath(id, new BackupItem.CsRgsConfiguration(pool.fqdn(), pool.backEnd()).target());
        Cmdlet cmdlet = Cmdlet.of("Import-CsRgsConfiguration").with("Destination", "ApplicationServer:" + pool.fqdn())
                .withSwitch("OverwriteOwner");
        if (plan.responseGroupSettingsLost()) {
            cmdlet = cmdlet.withSwitch("ReplaceExistingRgsSettings");
        }
        Cmdlet importing = cmdlet.with("FileName", file);
        journal.run(recoveryId, "restore-response-group:" + pool.fqdn(), rerun -> run(importing));
    }

    /**
     * R8 for an Edge server (P7): the Edge is not in the internal domain and cannot reach the CMS, so its configuration
     * is exported inside the network into {@code lync.recovery.edge-export-folder}, for an operator to carry to the Edge
     * on external media (or for the Edge to read from there) and import in Deployment Wizard step 1 "Import from a
     * file". The internal backup share is not that place: the Edge cannot reach it.
     */
    String exportConfigurationForEdge(String recoveryId, RecoveryPlan plan) {
        if (!plan.edgeServer()) {
            log.warn("Recovery {}: exporting the configuration for {}, which is not an Edge server ({})", recoveryId,
                    plan.failedServerFqdn(), plan.role());
        }
        String name = "CsConfiguration-" + plan.failedServerFqdn() + "-" + journal.folder(recoveryId).getFileName() + ".zip";
        String file;
        Path local;
        if (WINDOWS_PATH.matcher(edgeExportFolder).matches()) {
            file = edgeExportFolder + (edgeExportFolder.endsWith("\\") ? "" : "\\") + name;
            local = null;
        } else {
            local = Path.of(edgeExportFolder).toAbsolutePath().normalize().resolve(name);
            file = local.toString();
        }
        journal.run(recoveryId, "export-configuration-for-edge", rerun -> {
            if (local != null) {
                try {
                    Files.createDirectories(local.getParent());
                    // a cut-short export may have left a partial file
                    Files.deleteIfExists(local);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot prepare " + local.getParent() + ": " + e.getMessage(), e);
                }
            }
            return run(Cmdlet.of("Export-CsConfiguration").with("FileName", file));
        });
        return file;
    }

    /** R11 step 1, R12: re-creates the store's Archiving, Monitoring and Persistent Chat databases, keeping existing ones. */
    void installStoreDatabases(String recoveryId, RecoveryPlan plan) {
        for (SqlStore store : plan.sqlStores()) {
            for (String type : databaseTypes(store)) {
                journal.run(recoveryId, "install-store-database:" + store.ref().folderName() + ":" + type,
                        rerun -> run(Cmdlet.of("Install-CsDatabase").with("DatabaseType", type)
                                .with("SqlServerFqdn", store.fqdn()).with("SqlInstanceName", store.instance())));
            }
        }
    }

    /** R12 by export (and R3 step 8): imports each Persistent Chat pool's export whose mgc database is on the server. */
    void importPersistentChatData(String recoveryId, RecoveryPlan plan, SetId id) {
        List<Pool> pools = topology.pools().filter(p -> p.kind() == PoolKind.PERSISTENT_CHAT
                && p.persistentChatBackup() == Pool.PersistentChatBackup.EXPORT && p.persistentChatStore() != null
                && p.persistentChatStore().fqdn().equalsIgnoreCase(plan.failedServerFqdn())).toList();
        if (pools.isEmpty()) {
            log.info("Recovery {}: no Persistent Chat pool keeps its mgc database on {} and backs it up by export; nothing"
                    + " to import (a SQL Server backup of mgc comes back with the database restore)", recoveryId,
                    plan.failedServerFqdn());
        }
        for (Pool pool : pools) {
            SqlStoreRef store = pool.persistentChatStore();
            String file = sets.serverPath(id, new BackupItem.CsPersistentChatData(pool.fqdn(), store).target());
            journal.run(recoveryId, "import-persistent-chat-data:" + pool.fqdn(), rerun -> run(
                    Cmdlet.of("Import-CsPersistentChatData").with("DBInstance", store.display()).with("FileName", file)));
        }
    }

    /**
     * Starts the services on every server of the pool at the same time, one {@code Start-CsWindowsService} each in
     * parallel: a Lync 2013 Front End pool that was stopped stays Starting until enough of its servers start together
     * (pool quorum; a two-server pool needs both), so starting one server and waiting for it before the next would
     * never finish. Every server is started even when another fails; the first failure is thrown after all of them
     * (added to {@code earlier} when there is one).
     */
    private static Cmdlet start(String server, boolean wait) {
        Cmdlet start = Cmdlet.of("Start-CsWindowsService").with("ComputerName", server);
        return wait ? start : start.withSwitch("NoWait");
    }

    private void startServices(List<String> servers, RuntimeException earlier, boolean wait) {
        List<RuntimeException> failures = new ArrayList<>();
        if (servers.isEmpty()) {
            return;
        }
        if (servers.size() == 1) {
            try {
                shell.run(start(servers.get(0), wait));
            } catch (RuntimeException failure) {
                failures.add(failure);
            }
        } else {
            ExecutorService starting = Executors.newFixedThreadPool(servers.size());
            try {
                List<Future<?>> starts = new ArrayList<>();
                for (String server : servers) {
                    starts.add(starting.submit(() -> shell.run(start(server, wait))));
                }
                for (Future<?> start : starts) {
                    try {
                        start.get();
                    } catch (ExecutionException e) {
                        failures.add(e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(e.getCause().getMessage(), e.getCause()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failures.add(new IllegalStateException("interrupted while the pool's services were starting", e));
                    }
                }
            } finally {
                starting.shutdownNow();
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        RuntimeException first = earlier != null ? earlier : failures.remove(0);
        failures.forEach(first::addSuppressed);
        if (earlier == null) {
            throw first;
        }
    }

    private SqlStoreRef centralManagementStore(RecoveryPlan plan) {
        if (!plan.hostsCentralManagementStore() || plan.pool().map(Pool::backEnd).isEmpty()) {
            throw new IllegalArgumentException(plan.failedServerFqdn() + " does not host the Central Management store ("
                    + plan.role() + "); R4 restores the CMS only onto the server that hosted it");
        }
        return plan.pool().get().backEnd();
    }

    private static Set<String> databaseTypes(SqlStore store) {
        Set<String> types = new LinkedHashSet<>();
        for (LyncDatabase db : store.databases()) {
            switch (db) {
                case LCSLOG -> types.add("Archiving");
                case LCSCDR, QOEMETRICS -> types.add("Monitoring");
                case MGC -> types.add("PersistentChat");
                case MGCCOMP -> types.add("PersistentChatCompliance");
                default -> {
                    // a Back End's databases come with -ConfiguredDatabases or the Deployment Wizard
                }
            }
        }
        return types;
    }

    /** Runs a cmdlet and returns its name and the first lines of what it printed, for the journal. */
    private String run(Cmdlet cmdlet) {
        String output = shell.run(cmdlet).stdout().strip();
        if (output.length() > OUTPUT_LIMIT) {
            output = output.substring(0, OUTPUT_LIMIT - 1) + "…";
        }
        return cmdlet.name() + (output.isEmpty() ? "" : ": " + output);
    }
}
