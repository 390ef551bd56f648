package org.lyncrunbooks.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    private final Topology topology;
    private final PublishedSets sets;
    private final RecoveryJournal journal;
    private final LyncShell shell;
    private final SqlServerClient sqlServer;

    CmdletSteps(Topology topology, PublishedSets sets, RecoveryJournal journal, LyncShell shell, SqlServerClient sqlServer) {
        this.topology = topology;
        this.sets = sets;
        this.journal = journal;
        this.shell = shell;
        this.sqlServer = sqlServer;
    }

    /** R4 step 6; {@code -Clean} drops what is there, so it runs only onto an instance without Lync data. */
    void installCentralManagementDatabase(String recoveryId, RecoveryPlan plan) {
        SqlStoreRef store = centralManagementStore(plan);
        journal.run(recoveryId, "install-central-management-database", rerun -> {
            if (!rerun) {
                List<String> holding = new ArrayList<>();
                for (LyncDatabase db : List.of(LyncDatabase.XDS, LyncDatabase.LIS)) {
                    if (sqlServer.databaseState(store, db.databaseName()) == SqlServerClient.DatabaseState.HOLDS_DATA) {
                        holding.add(db.databaseName());
                    }
                }
                if (!holding.isEmpty()) {
                    throw new RestoreTargetNotCleanException("refusing Install-CsDatabase -CentralManagementDatabase "
                            + "-Clean on " + store.display() + ": its " + String.join(" and ", holding) + " database"
                            + (holding.size() == 1 ? " holds" : "s hold") + " data, which -Clean would drop (D3); nothing "
                            + "was changed");
                }
            }
            return run(Cmdlet.of("Install-CsDatabase").withSwitch("CentralManagementDatabase").withSwitch("Clean")
                    .with("SqlServerFqdn", store.fqdn()).with("SqlInstanceName", store.instance()));
        });
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
     * the data imported, and the services started together — also after a failed import, so that a failure does not
     * leave the pool down.
     */
    void restoreUserData(String recoveryId, RecoveryPlan plan, SetId id) {
        Pool pool = plan.pool().filter(p -> p.kind().isRegistrar()).orElseThrow(() -> new IllegalArgumentException(
                plan.failedServerFqdn() + " serves no Front End pool or Standard Edition server (" + plan.role()
                        + "); there is no user data to restore"));
        String file = sets.serverPath(id, new BackupItem.CsUserData(pool.fqdn(), pool.backEnd()).target());
        journal.run(recoveryId, "restore-user-data:" + pool.fqdn(), rerun -> {
            List<String> stopped = new ArrayList<>();
            String imported;
            try {
                for (String server : pool.servers()) {
                    shell.run(Cmdlet.of("Stop-CsWindowsService").with("ComputerName", server));
                    stopped.add(server);
                }
                imported = run(Cmdlet.of("Import-CsUserData").with("PoolFqdn", pool.fqdn()).with("FileName", file));
            } catch (RuntimeException failure) {
                startServices(stopped, failure);
                throw failure;
            }
            startServices(pool.servers(), null);
            return imported + " (services stopped and started again on " + String.join(", ", pool.servers()) + ")";
        });
    }

    /** R4 step 13: re-inserts the locations removed since the backup, keeps newer ones. */
    void restoreLisConfiguration(String recoveryId, SetId id) {
        String file = sets.serverPath(id, LIS_FILE);
        journal.run(recoveryId, "restore-lis-configuration", rerun -> run(Cmdlet.of("Import-CsLisConfiguration")
                .with("FileName", file)));
    }

    /** R13: {@code -OverwriteOwner} because the pool was redeployed and its Response Group service is a new instance. */
    void restoreResponseGroup(String recoveryId, RecoveryPlan plan, SetId id) {
        Pool pool = plan.pool().filter(Pool::responseGroup).orElseThrow(() -> new IllegalArgumentException(
                plan.failedServerFqdn() + " serves no pool running Response Group (" + plan.role() + ")"));
        String file = sets.serverPath(id, new BackupItem.CsRgsConfiguration(pool.fqdn(), pool.backEnd()).target());
        journal.run(recoveryId, "restore-response-group:" + pool.fqdn(), rerun -> run(Cmdlet.of("Import-CsRgsConfiguration")
                .with("Destination", "ApplicationServer:" + pool.fqdn()).withSwitch("OverwriteOwner").with("FileName", file)));
    }

    /**
     * R8 for an Edge server (P7): the Edge cannot reach the CMS, so its configuration is exported inside the network
     * into the recovery's folder on the backup share, for Deployment Wizard step 1 "Import from a file".
     */
    String exportConfigurationForEdge(String recoveryId, RecoveryPlan plan) {
        if (plan.pool().map(p -> p.kind() != PoolKind.EDGE).orElse(true)) {
            log.warn("Recovery {}: exporting the configuration for {}, which is not an Edge server ({})", recoveryId,
                    plan.failedServerFqdn(), plan.role());
        }
        Path local = journal.folder(recoveryId).resolve("edge").resolve("CsConfiguration.zip");
        String file = sets.serverPath(RecoveryJournal.FOLDER + "/" + recoveryId + "/edge/CsConfiguration.zip");
        journal.run(recoveryId, "export-configuration-for-edge", rerun -> {
            try {
                Files.createDirectories(local.getParent());
                // a cut-short export may have left a partial file that the cmdlet would not replace
                Files.deleteIfExists(local);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare " + local.getParent() + ": " + e.getMessage(), e);
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
     * Starts the services on every server, going on past a server that fails so that the others do not stay down;
     * the first failure is thrown after the last server (added to {@code earlier} when there is one).
     */
    private void startServices(List<String> servers, RuntimeException earlier) {
        RuntimeException first = null;
        for (String server : servers) {
            try {
                shell.run(Cmdlet.of("Start-CsWindowsService").with("ComputerName", server));
            } catch (RuntimeException failure) {
                if (earlier != null) {
                    earlier.addSuppressed(failure);
                } else if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
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
