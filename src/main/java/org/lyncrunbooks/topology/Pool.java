package org.lyncrunbooks.topology;

import java.util.List;
import java.util.Optional;

/**
 * A pool of the topology. For a Standard Edition server the pool FQDN is the server FQDN and
 * {@link #servers()} holds just that name.
 *
 * @param webServices the internal and external web services FQDNs of a Front End pool or Standard Edition server
 *                    (the internal one is the pool FQDN unless Topology Builder overrode it); null for other pools
 * @param edgeFqdns   the external FQDNs of an Edge pool's Access, Web Conferencing and A/V Edge services; null for
 *                    other pools
 * @param backupPool  the Front End pool paired with this one (reciprocal, same kind); null when unpaired
 * @param nextHop     the next hop pool of an Edge pool; null for other pools or when not declared
 */
public record Pool(
        String fqdn,
        PoolKind kind,
        String site,
        List<String> servers,
        SqlStoreRef backEnd,
        boolean hostsCentralManagementStore,
        boolean responseGroup,
        String fileStore,
        SqlStoreRef persistentChatStore,
        PersistentChatBackup persistentChatBackup,
        WebServices webServices,
        EdgeFqdns edgeFqdns,
        String backupPool,
        String nextHop) {

    public Pool {
        servers = List.copyOf(servers);
    }

    /** A pool without disaster-recovery pairing (no backup pool, no next hop). */
    public Pool(String fqdn, PoolKind kind, String site, List<String> servers, SqlStoreRef backEnd,
                boolean hostsCentralManagementStore, boolean responseGroup, String fileStore,
                SqlStoreRef persistentChatStore, PersistentChatBackup persistentChatBackup, WebServices webServices,
                EdgeFqdns edgeFqdns) {
        this(fqdn, kind, site, servers, backEnd, hostsCentralManagementStore, responseGroup, fileStore,
                persistentChatStore, persistentChatBackup, webServices, edgeFqdns, null, null);
    }

    /** A pool without web services or Edge names (a Director, Mediation or Persistent Chat pool, or a test's pool). */
    public Pool(String fqdn, PoolKind kind, String site, List<String> servers, SqlStoreRef backEnd,
                boolean hostsCentralManagementStore, boolean responseGroup, String fileStore,
                SqlStoreRef persistentChatStore, PersistentChatBackup persistentChatBackup) {
        this(fqdn, kind, site, servers, backEnd, hostsCentralManagementStore, responseGroup, fileStore,
                persistentChatStore, persistentChatBackup, null, null);
    }

    /** The web services FQDNs of a Front End pool or Standard Edition server. */
    public Optional<WebServices> webServicesFqdns() {
        return Optional.ofNullable(webServices);
    }

    /** The external FQDNs of an Edge pool. */
    public Optional<EdgeFqdns> edge() {
        return Optional.ofNullable(edgeFqdns);
    }

    /**
     * The web services of a Front End pool (Topology Builder: "Internal web services" and "External web services").
     *
     * @param internalFqdn the internal web services FQDN; the pool FQDN by default
     * @param externalFqdn the external web services FQDN, published through the reverse proxy; null when none is
     */
    public record WebServices(String internalFqdn, String externalFqdn) {
    }

    /**
     * The external FQDNs of an Edge pool, which its external certificate carries (Microsoft, "Plan for Edge
     * Server certificates in Lync Server 2013").
     */
    public record EdgeFqdns(String accessEdgeFqdn, String webConferencingEdgeFqdn, String avEdgeFqdn) {

        public List<String> all() {
            return List.of(accessEdgeFqdn, webConferencingEdgeFqdn, avEdgeFqdn);
        }
    }

    public Optional<SqlStoreRef> backEndStore() {
        return Optional.ofNullable(backEnd);
    }

    /**
     * The Front End pool paired with this one for disaster recovery (Topology Builder: Resiliency, "Associated
     * backup pool"; H7, H8): the Backup Service replicates user data and conference content to it, and
     * {@code Invoke-CsPoolFailover} signs this pool's users in there.
     */
    public Optional<String> backupPoolFqdn() {
        return Optional.ofNullable(backupPool);
    }

    /** The pool an Edge pool sends inbound traffic to (Topology Builder: Next hop). */
    public Optional<String> nextHopFqdn() {
        return Optional.ofNullable(nextHop);
    }

    public Optional<String> fileStoreName() {
        return Optional.ofNullable(fileStore);
    }

    /** How Persistent Chat data (the mgc database) is backed up: by the cmdlet or by a SQL Server backup (D14). */
    public enum PersistentChatBackup {
        EXPORT, SQL
    }
}
