package org.lyncrunbooks.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.BackupPlanner;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.Topology;

/**
 * What a recovery restores from a backup set: the backup items of the topology's backup plan that hold the failed
 * server's data. Because item ids are deterministic, they are looked up in the set's manifest by id.
 */
final class SetRequirements {

    private SetRequirements() {
    }

    /** The items the plan restores (the CMS exports, the pool's user data and RGS, the server's SQL backups, …). */
    static List<BackupItem> needed(Topology topology, RecoveryPlan plan) {
        String server = plan.failedServerFqdn();
        Optional<String> pool = plan.pool().map(Pool::fqdn);
        Optional<String> fileStore = plan.fileStore().map(FileStore::name);
        List<BackupItem> needed = new ArrayList<>();
        for (BackupItem item : BackupPlanner.plan(topology).items()) {
            boolean wanted;
            if (item instanceof BackupItem.CsConfiguration || item instanceof BackupItem.CsLisConfiguration) {
                wanted = plan.hostsCentralManagementStore();
            } else if (item instanceof BackupItem.CsUserData u) {
                wanted = plan.restoresUserData() && pool.filter(u.poolFqdn()::equalsIgnoreCase).isPresent();
            } else if (item instanceof BackupItem.CsRgsConfiguration r) {
                wanted = plan.restoresResponseGroup() && pool.filter(r.poolFqdn()::equalsIgnoreCase).isPresent();
            } else if (item instanceof BackupItem.CsPersistentChatData c) {
                wanted = c.store().fqdn().equalsIgnoreCase(server);
            } else if (item instanceof BackupItem.SqlServerDatabase s) {
                wanted = s.store().fqdn().equalsIgnoreCase(server);
            } else if (item instanceof BackupItem.FileStoreTree f) {
                wanted = fileStore.filter(f.name()::equals).isPresent();
            } else {
                wanted = false;
            }
            if (wanted) {
                needed.add(item);
            }
        }
        return needed;
    }

    /** The needed items the set's manifest lacks, each as {@code <path in the set> (<tool>)}. */
    static List<String> missing(List<BackupItem> needed, PublishedSets.Contents contents) {
        List<String> missing = new ArrayList<>();
        for (BackupItem item : needed) {
            boolean present = contents.item(item.itemId())
                    .map(i -> item instanceof BackupItem.FileStoreTree || i.lists(item.target()))
                    .orElse(false);
            if (!present) {
                missing.add(item.target() + " (" + item.tool() + ")");
            }
        }
        return missing;
    }
}
