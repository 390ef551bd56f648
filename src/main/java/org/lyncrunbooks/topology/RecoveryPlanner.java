package org.lyncrunbooks.topology;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out which of Microsoft's restore procedures applies to a failed server (R2 "What to restore"), from the
 * topology alone. Where a server plays several parts, the procedure that restores the most comes first: the
 * Central Management store host (R4), a Standard Edition server (R3), an Enterprise Back End (R5), a member
 * server (R8), a stand-alone Monitoring/Archiving (R11) or Persistent Chat (R12) store, a file server (R10).
 */
public final class RecoveryPlanner {

    private RecoveryPlanner() {
    }

    /** The plan for {@code fqdn}, or empty when no server of that name is in the topology. */
    public static Optional<RecoveryPlan> plan(Topology topology, String fqdn) {
        if (fqdn == null || fqdn.isBlank()) {
            return Optional.empty();
        }
        String name = fqdn.trim().toLowerCase(Locale.ROOT);
        List<SqlStore> stores = topology.sqlStores().stream().filter(s -> s.fqdn().equals(name)).toList();
        Optional<FileStore> fileStore = topology.fileStores().stream()
                .filter(f -> f.serverFqdn().equalsIgnoreCase(name)).findFirst();

        Optional<Pool> standard = topology.pools().filter(p -> p.kind() == PoolKind.STANDARD && p.fqdn().equals(name)).findFirst();
        if (standard.isPresent()) {
            Pool se = standard.get();
            Optional<FileStore> seStore = fileStore.or(() -> se.fileStoreName().flatMap(topology::fileStore));
            return Optional.of(new RecoveryPlan(name, se.hostsCentralManagementStore()
                    ? RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST : RecoveryProcedure.STANDARD_EDITION,
                    standard, stores, seStore, "Standard Edition server " + name
                    + (se.hostsCentralManagementStore() ? ", hosting the Central Management store" : "")));
        }
        Optional<Pool> backedPool = topology.pools()
                .filter(p -> p.kind() == PoolKind.ENTERPRISE && p.backEnd() != null && p.backEnd().fqdn().equals(name))
                .findFirst();
        if (backedPool.isPresent()) {
            Pool pool = backedPool.get();
            boolean cms = pool.hostsCentralManagementStore();
            return Optional.of(new RecoveryPlan(name, cms ? RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST
                    : RecoveryProcedure.ENTERPRISE_BACK_END, backedPool, stores, fileStore,
                    "Enterprise Edition Back End " + name + " of pool " + pool.fqdn()
                            + (cms ? ", hosting the Central Management store" : "")));
        }
        Optional<Pool> memberOf = topology.pools().filter(p -> p.kind() != PoolKind.STANDARD && p.servers().contains(name)).findFirst();
        if (memberOf.isPresent()) {
            Pool pool = memberOf.get();
            return Optional.of(new RecoveryPlan(name, RecoveryProcedure.MEMBER_SERVER, memberOf, stores, fileStore,
                    pool.kind().yamlName() + " server " + name + " of pool " + pool.fqdn()));
        }
        if (stores.stream().anyMatch(s -> s.holds(LyncDatabase.LCSLOG) || s.holds(LyncDatabase.LCSCDR)
                || s.holds(LyncDatabase.QOEMETRICS))) {
            return Optional.of(new RecoveryPlan(name, RecoveryProcedure.MONITORING_ARCHIVING_STORE, Optional.empty(),
                    stores, fileStore, "stand-alone Monitoring/Archiving SQL store " + name));
        }
        if (stores.stream().anyMatch(s -> s.holds(LyncDatabase.MGC))) {
            Optional<Pool> chat = topology.pools().filter(p -> p.kind() == PoolKind.PERSISTENT_CHAT
                    && p.persistentChatStore() != null && p.persistentChatStore().fqdn().equals(name)).findFirst();
            return Optional.of(new RecoveryPlan(name, RecoveryProcedure.PERSISTENT_CHAT_STORE, chat, stores, fileStore,
                    "stand-alone Persistent Chat SQL store " + name));
        }
        if (fileStore.isPresent()) {
            return Optional.of(new RecoveryPlan(name, RecoveryProcedure.FILE_STORE, Optional.empty(), stores, fileStore,
                    "file server " + name + " sharing " + fileStore.get().unc()));
        }
        return Optional.empty();
    }
}
