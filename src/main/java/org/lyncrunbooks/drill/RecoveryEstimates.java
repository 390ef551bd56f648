package org.lyncrunbooks.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.RecoveryPlanner;
import org.lyncrunbooks.topology.RecoveryProcedure;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;

/**
 * How much machine time each recovery procedure would spend restoring from a drilled set: for every server of the
 * topology, the procedure the recovery runbook would choose (the same {@link RecoveryPlanner}) and the items it
 * restores, with the restore times the drill measured added up. For exports the measured time is the time to read
 * them as the import cmdlet does, so the estimate is a lower bound for those; the people's steps (a clean server,
 * certificates, SQL Server, Deployment Wizard) come on top of it.
 */
final class RecoveryEstimates {

    private RecoveryEstimates() {
    }

    static List<DrillRecord.Estimate> estimate(Topology topology, String setId, List<DrillRecord.Item> items) {
        Map<String, DrillRecord.Item> byId = items.stream()
                .collect(Collectors.toMap(DrillRecord.Item::item, Function.identity(), (a, b) -> a));
        List<DrillRecord.Estimate> estimates = new ArrayList<>();
        for (String server : servers(topology)) {
            Optional<RecoveryPlan> plan = RecoveryPlanner.plan(topology, server);
            if (plan.isEmpty()) {
                continue;
            }
            List<String> restored = new ArrayList<>();
            for (String itemId : restoredItems(plan.get())) {
                if (byId.containsKey(itemId)) {
                    restored.add(itemId);
                }
            }
            Duration machine = restored.stream().map(byId::get).map(i -> i.restoreElapsed() == null ? Duration.ZERO
                    : i.restoreElapsed()).reduce(Duration.ZERO, Duration::plus);
            RecoveryProcedure procedure = plan.get().procedure();
            String text = restored.isEmpty()
                    ? "an " + procedure.code() + " of " + server + " restores no data from a set: its machine time is the rebuild alone"
                    : "an " + procedure.code() + " of " + server + " would take about " + words(machine)
                    + " of machine time from set " + setId + " (" + String.join(", ", restored) + ")";
            estimates.add(new DrillRecord.Estimate(server, procedure.code(), procedure.title(), machine, restored, text));
        }
        return estimates;
    }

    /** What the procedure for the plan restores from a set, as manifest item ids. */
    static List<String> restoredItems(RecoveryPlan plan) {
        Set<String> items = new LinkedHashSet<>();
        if (plan.hostsCentralManagementStore()) {
            items.add("cms:configuration");
            items.add("cms:lis");
        }
        plan.fileStore().map(FileStore::name).ifPresent(name -> items.add("filestore:" + name));
        plan.pool().ifPresent(pool -> {
            if (plan.restoresUserData()) {
                items.add("userdata:" + pool.fqdn());
            }
            if (plan.restoresResponseGroup()) {
                items.add("rgs:" + pool.fqdn());
            }
            if (plan.procedure() == RecoveryProcedure.PERSISTENT_CHAT_STORE && pool.kind() == PoolKind.PERSISTENT_CHAT) {
                items.add("persistentchat:" + pool.fqdn());
            }
        });
        for (SqlStore store : plan.sqlStores()) {
            for (LyncDatabase database : store.databases()) {
                items.add("sql:" + store.ref().folderName() + ":" + database.databaseName());
            }
        }
        return List.copyOf(items);
    }

    /** Every machine and Standard Edition pool name of the topology, in topology order. */
    private static Set<String> servers(Topology topology) {
        Set<String> servers = new LinkedHashSet<>();
        topology.pools().forEach(pool -> {
            if (pool.kind() == PoolKind.STANDARD) {
                servers.add(pool.fqdn());
            }
            servers.addAll(pool.servers());
            pool.backEndStore().map(ref -> ref.fqdn()).ifPresent(servers::add);
            Optional.ofNullable(persistentChatStore(pool)).ifPresent(servers::add);
        });
        topology.sqlStores().forEach(store -> servers.add(store.fqdn()));
        topology.fileStores().forEach(store -> servers.add(store.serverFqdn()));
        return servers;
    }

    private static String persistentChatStore(Pool pool) {
        return pool.persistentChatStore() == null ? null : pool.persistentChatStore().fqdn();
    }

    /** "7 min", "1 h 05 min", "40 s". */
    static String words(Duration d) {
        long seconds = Math.max(1, Math.round(d.toMillis() / 1000.0));
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
    }
}
