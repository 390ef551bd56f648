package org.lyncrunbooks.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives the backup plan from the topology, following Microsoft's data classification (D1, D2, D12–D15):
 * the CMS exports once from the pool hosting the Central Management store, user data per Front End pool
 * and Standard Edition server, Response Group configuration per pool running it, Persistent Chat by export
 * or SQL backup as configured, SQL Server full backups of the Archiving and Monitoring databases, every file
 * store, and this application's own database. Transient databases are listed as excluded with the reason.
 */
public final class BackupPlanner {

    private BackupPlanner() {
    }

    public static BackupPlan plan(Topology topology) {
        List<BackupItem> items = new ArrayList<>();
        topology.centralManagementPool().ifPresent(cms -> {
            items.add(new BackupItem.CsConfiguration(cms.fqdn(), cms.backEnd()));
            items.add(new BackupItem.CsLisConfiguration(cms.fqdn(), cms.backEnd()));
        });
        topology.pools().filter(p -> p.kind().isRegistrar())
                .forEach(p -> items.add(new BackupItem.CsUserData(p.fqdn(), p.backEnd())));
        topology.pools().filter(p -> p.kind().isRegistrar() && p.responseGroup())
                .forEach(p -> items.add(new BackupItem.CsRgsConfiguration(p.fqdn(), p.backEnd())));
        topology.pools().filter(p -> p.kind() == PoolKind.PERSISTENT_CHAT
                        && p.persistentChatBackup() == Pool.PersistentChatBackup.EXPORT)
                .forEach(p -> items.add(new BackupItem.CsPersistentChatData(p.fqdn(), p.persistentChatStore())));

        List<BackupPlan.Exclusion> excluded = new ArrayList<>();
        for (SqlStore store : topology.sqlStores()) {
            for (LyncDatabase db : store.databases()) {
                switch (db.protection()) {
                    case SQL_BACKUP -> items.add(new BackupItem.SqlServerDatabase(store.ref(), db.databaseName()));
                    case PERSISTENT_CHAT -> {
                        if (mgcBackedUpBySql(topology, store)) {
                            items.add(new BackupItem.SqlServerDatabase(store.ref(), db.databaseName()));
                        }
                    }
                    case NOT_BACKED_UP -> excluded.add(new BackupPlan.Exclusion(
                            db.databaseName(), store.ref().display() + "/" + db.databaseName(), db.reason()));
                    case CMDLET_EXPORT -> {
                        // taken by the export items above
                    }
                }
            }
        }
        for (FileStore store : topology.fileStores()) {
            items.add(new BackupItem.FileStoreTree(store.name(), store.unc(), store.mountPath().toString()));
        }
        items.add(new BackupItem.OrchestratorDatabase());
        return new BackupPlan(topology.sha256(), items, excluded);
    }

    private static boolean mgcBackedUpBySql(Topology topology, SqlStore store) {
        return topology.pools().anyMatch(p -> p.kind() == PoolKind.PERSISTENT_CHAT
                && store.ref().equals(p.persistentChatStore())
                && p.persistentChatBackup() == Pool.PersistentChatBackup.SQL);
    }
}
