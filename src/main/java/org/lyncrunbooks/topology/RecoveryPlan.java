package org.lyncrunbooks.topology;

import java.util.List;
import java.util.Optional;

/**
 * What restoring one failed server involves, derived from the topology: the procedures, in the order they run, and
 * what of the farm lives on that server. A server that plays several parts (a Persistent Chat server that also shares
 * a file store; a SQL server holding both the Archiving/Monitoring and the Persistent Chat stores) gets every
 * procedure it needs, in one recovery.
 *
 * @param failedServerFqdn the server that failed (for a Standard Edition server, its pool FQDN)
 * @param procedures       which of Microsoft's procedures apply, in the order they run (never empty)
 * @param pool             the pool the server serves or backs: its Front Ends' user data, RGS and LIS come from here
 * @param sqlStores        the SQL Server instances on the failed server (a Back End, a collocated SQL Express, a
 *                         stand-alone Monitoring/Archiving or Persistent Chat store)
 * @param fileStore        the file store the failed server shares (Standard Edition, file server)
 * @param role             one line for people: what the server was
 */
public record RecoveryPlan(
        String failedServerFqdn,
        List<RecoveryProcedure> procedures,
        Optional<Pool> pool,
        List<SqlStore> sqlStores,
        Optional<FileStore> fileStore,
        String role) {

    public RecoveryPlan {
        procedures = List.copyOf(procedures);
        if (procedures.isEmpty()) {
            throw new IllegalArgumentException("a recovery plan needs at least one procedure");
        }
        sqlStores = List.copyOf(sqlStores);
    }

    /** A plan of one procedure. */
    public RecoveryPlan(String failedServerFqdn, RecoveryProcedure procedure, Optional<Pool> pool, List<SqlStore> sqlStores,
                        Optional<FileStore> fileStore, String role) {
        this(failedServerFqdn, List.of(procedure), pool, sqlStores, fileStore, role);
    }

    /** The first procedure: the one that restores the most (R4 before R3 before R5 …). */
    public RecoveryProcedure procedure() {
        return procedures.get(0);
    }

    public boolean includes(RecoveryProcedure procedure) {
        return procedures.contains(procedure);
    }

    /** "R8 + R10", for people. */
    public String codes() {
        return String.join(" + ", procedures.stream().map(RecoveryProcedure::code).toList());
    }

    /** "R8: Restoring an Enterprise Edition member server; R10: Restoring a file store", for people. */
    public String titles() {
        return String.join("; ", procedures.stream().map(p -> p.code() + ": " + p.title()).toList());
    }

    /** Whether the failed server hosted the Central Management store (R4). */
    public boolean hostsCentralManagementStore() {
        return includes(RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST);
    }

    /** Whether Monitoring or Archiving databases lived on the failed server and must be restored (R4, R5, R11). */
    public boolean holdsMonitoringOrArchiving() {
        return sqlStores.stream().anyMatch(s -> s.holds(LyncDatabase.LCSLOG) || s.holds(LyncDatabase.LCSCDR)
                || s.holds(LyncDatabase.QOEMETRICS));
    }

    /** Whether the Persistent Chat database lived on the failed server (R12). */
    public boolean holdsPersistentChat() {
        return sqlStores.stream().anyMatch(s -> s.holds(LyncDatabase.MGC));
    }

    /** Whether the pool runs Response Group, so its configuration is restored (R13). */
    public boolean restoresResponseGroup() {
        return pool.map(Pool::responseGroup).orElse(false) && restoresPoolData();
    }

    /**
     * Whether the pool's Response Group database (rgsconfig) lived on the failed server, so that its pool-level
     * settings were lost with it and must come back from the export too ({@code -ReplaceExistingRgsSettings}).
     */
    public boolean responseGroupSettingsLost() {
        return pool.map(Pool::backEnd).map(b -> b.fqdn().equalsIgnoreCase(failedServerFqdn)).orElse(false);
    }

    /** Whether the procedure restores the pool's user data (R3, R4, R5). */
    public boolean restoresUserData() {
        return pool.map(p -> p.kind().isRegistrar()).orElse(false) && restoresPoolData();
    }

    /**
     * Whether the server carries a Lync Server certificate to restore or re-enrol: a Lync server (Standard Edition,
     * Front End, Director, Mediation, Persistent Chat, Edge). A Back End SQL server, a stand-alone Archiving/Monitoring
     * or Persistent Chat store and a file server have no Lync role and no Lync certificate.
     */
    public boolean needsLyncCertificate() {
        return includes(RecoveryProcedure.MEMBER_SERVER) || includes(RecoveryProcedure.STANDARD_EDITION)
                || centralManagementStoreOnStandardEdition();
    }

    /** Whether the server is an Edge server: a workgroup machine with an external certificate (brief addendum). */
    public boolean edgeServer() {
        return includes(RecoveryProcedure.MEMBER_SERVER) && pool.map(p -> p.kind() == PoolKind.EDGE).orElse(false);
    }

    /**
     * The names the server's default certificate must carry, as Lync requests it from the published topology: the
     * server; the pool (a Front End, Director or Edge pool of several servers, whose pool FQDN clients or servers
     * use); and for a Front End or Standard Edition server the internal and external web services FQDNs and the
     * simple URLs the topology lists. Empty for a server without a Lync role.
     */
    public List<String> certificateNames(Topology topology) {
        List<String> names = new java.util.ArrayList<>();
        if (!needsLyncCertificate()) {
            return names;
        }
        names.add(failedServerFqdn);
        pool.ifPresent(p -> {
            if (p.kind() != PoolKind.MEDIATION && p.kind() != PoolKind.PERSISTENT_CHAT && !names.contains(p.fqdn())) {
                names.add(p.fqdn());
            }
            if (p.kind().isRegistrar()) {
                p.webServicesFqdns().ifPresent(web -> {
                    addOnce(names, web.internalFqdn());
                    addOnce(names, web.externalFqdn());
                });
                topology.simpleUrls().forEach(url -> addOnce(names, url));
            }
        });
        return names;
    }

    /** The names an Edge server's external certificate must carry: its Access, Web Conferencing and A/V Edge FQDNs. */
    public List<String> externalCertificateNames() {
        return edgeServer() ? pool.flatMap(Pool::edge).map(Pool.EdgeFqdns::all).orElse(List.of()) : List.of();
    }

    private static void addOnce(List<String> names, String name) {
        if (name != null && !names.contains(name)) {
            names.add(name);
        }
    }

    /** Whether the Central Management store sits on a Standard Edition server (R4, SE variant). */
    public boolean centralManagementStoreOnStandardEdition() {
        return hostsCentralManagementStore() && pool.map(p -> p.kind() == PoolKind.STANDARD).orElse(false);
    }

    private boolean restoresPoolData() {
        return includes(RecoveryProcedure.STANDARD_EDITION) || includes(RecoveryProcedure.ENTERPRISE_BACK_END)
                || includes(RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST);
    }
}
