package org.lyncrunbooks.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out which of Microsoft's restore procedures apply to a failed server (R2 "What to restore"), from the
 * topology alone. A server that plays several parts gets every procedure it needs, in the order they run
 * ({@link RecoveryProcedure#restoreOrder()}): the Central Management store host (R4), a Standard Edition server (R3)
 * or an Enterprise Back End (R5), a member server (R8), a file server (R10), a stand-alone Monitoring/Archiving (R11)
 * and Persistent Chat (R12) store. R4, R3 and R5 restore the Archiving/Monitoring databases collocated with them
 * themselves, and R3 and R4 on Standard Edition the file store they share.
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
        List<RecoveryProcedure> procedures = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        Pool pool = null;

        Optional<Pool> standard = topology.pools().filter(p -> p.kind() == PoolKind.STANDARD && p.fqdn().equals(name)).findFirst();
        if (standard.isPresent()) {
            pool = standard.get();
            procedures.add(pool.hostsCentralManagementStore()
                    ? RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST : RecoveryProcedure.STANDARD_EDITION);
            roles.add("Standard Edition server " + name
                    + (pool.hostsCentralManagementStore() ? ", hosting the Central Management store" : ""));
            fileStore = fileStore.or(() -> standard.get().fileStoreName().flatMap(topology::fileStore));
        }
        Optional<Pool> backedPool = topology.pools()
                .filter(p -> p.kind() == PoolKind.ENTERPRISE && p.backEnd() != null && p.backEnd().fqdn().equals(name))
                .findFirst();
        if (backedPool.isPresent()) {
            Pool backed = backedPool.get();
            pool = pool == null ? backed : pool;
            boolean cms = backed.hostsCentralManagementStore();
            procedures.add(cms ? RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST : RecoveryProcedure.ENTERPRISE_BACK_END);
            roles.add("Enterprise Edition Back End " + name + " of pool " + backed.fqdn()
                    + (cms ? ", hosting the Central Management store" : ""));
        }
        Optional<Pool> memberOf = topology.pools().filter(p -> p.kind() != PoolKind.STANDARD && p.servers().contains(name)).findFirst();
        if (memberOf.isPresent()) {
            pool = pool == null ? memberOf.get() : pool;
            procedures.add(RecoveryProcedure.MEMBER_SERVER);
            roles.add(memberOf.get().kind().yamlName() + " server " + name + " of pool " + memberOf.get().fqdn());
        }
        boolean restoresCollocated = !procedures.isEmpty() && procedures.stream().noneMatch(p -> p == RecoveryProcedure.MEMBER_SERVER);
        if (!restoresCollocated && stores.stream().anyMatch(s -> s.holds(LyncDatabase.LCSLOG) || s.holds(LyncDatabase.LCSCDR)
                || s.holds(LyncDatabase.QOEMETRICS))) {
            procedures.add(RecoveryProcedure.MONITORING_ARCHIVING_STORE);
            roles.add("stand-alone Monitoring/Archiving SQL store " + name);
        }
        if (stores.stream().anyMatch(s -> s.holds(LyncDatabase.MGC))) {
            Optional<Pool> chat = topology.pools().filter(p -> p.kind() == PoolKind.PERSISTENT_CHAT
                    && p.persistentChatStore() != null && p.persistentChatStore().fqdn().equals(name)).findFirst();
            pool = pool == null ? chat.orElse(null) : pool;
            procedures.add(RecoveryProcedure.PERSISTENT_CHAT_STORE);
            roles.add("stand-alone Persistent Chat SQL store " + name);
        }
        if (fileStore.isPresent() && standard.isEmpty()) {
            procedures.add(RecoveryProcedure.FILE_STORE);
            roles.add("file server " + name + " sharing " + fileStore.get().unc());
        }
        if (procedures.isEmpty()) {
            return Optional.empty();
        }
        procedures.sort(Comparator.comparingInt(RecoveryProcedure::restoreOrder));
        return Optional.of(new RecoveryPlan(name, procedures, Optional.ofNullable(pool), stores, fileStore,
                String.join(" and ", roles)));
    }
}
