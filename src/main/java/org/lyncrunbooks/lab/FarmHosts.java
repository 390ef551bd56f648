package org.lyncrunbooks.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;

/**
 * The machines of the lab farm as the topology implies them: every pool member server, every SQL Server host and
 * every file server, with their roles and the Windows services their Lync components run.
 */
final class FarmHosts {

    /** The Lync Server Front-End service, which Import-CsUserData needs stopped on every server of the pool. */
    static final String FRONT_END_SERVICE = "RTCSRV";
    /** The Response Group service, which writes its pool's default settings when it first starts. */
    static final String RESPONSE_GROUP_SERVICE = "RTCRGS";

    private FarmHosts() {
    }

    /** One machine: its roles and, for a Lync server, its pool. */
    record Host(String fqdn, List<String> roles, Pool pool) {
    }

    static Map<String, Host> of(Topology topology) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        Map<String, Pool> pools = new LinkedHashMap<>();
        topology.pools().forEach(pool -> {
            for (String server : pool.servers()) {
                roles.computeIfAbsent(server, k -> new ArrayList<>()).add(role(pool.kind()));
                pools.put(server, pool);
            }
        });
        for (SqlStore store : topology.sqlStores()) {
            addRole(roles, store.fqdn(), "SqlServer");
        }
        for (FileStore store : topology.fileStores()) {
            addRole(roles, store.serverFqdn().toLowerCase(Locale.ROOT), "FileServer");
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        roles.forEach((fqdn, r) -> hosts.put(fqdn, new Host(fqdn, r, pools.get(fqdn))));
        return hosts;
    }

    private static void addRole(Map<String, List<String>> roles, String fqdn, String role) {
        List<String> list = roles.computeIfAbsent(fqdn, k -> new ArrayList<>());
        if (!list.contains(role)) {
            list.add(role);
        }
    }

    static String role(PoolKind kind) {
        return switch (kind) {
            case ENTERPRISE -> "FrontEnd";
            case STANDARD -> "StandardEdition";
            case EDGE -> "Edge";
            case DIRECTOR -> "Director";
            case MEDIATION -> "Mediation";
            case PERSISTENT_CHAT -> "PersistentChat";
        };
    }

    /** The Windows services the Lync components of a pool's server run, as Start-CsWindowsService starts them. */
    static List<String> services(Pool pool) {
        List<String> services = new ArrayList<>();
        switch (pool.kind()) {
            case ENTERPRISE, STANDARD -> {
                services.addAll(List.of(FRONT_END_SERVICE, "RTCREPLICA", "RTCCLSAGT", "RTCIMMCU", "RTCDATAMCU",
                        "RTCAVMCU", "RTCASMCU"));
                if (pool.responseGroup()) {
                    services.addAll(List.of(RESPONSE_GROUP_SERVICE, "RTCCPS"));
                }
            }
            case EDGE -> services.addAll(List.of("RTCSRV", "RTCMRAUTH", "RTCMEDIARELAY", "RTCDATAPROXY", "RTCREPLICA",
                    "RTCCLSAGT"));
            case DIRECTOR -> services.addAll(List.of("RTCSRV", "RTCREPLICA", "RTCCLSAGT"));
            case MEDIATION -> services.addAll(List.of("RTCMEDSRV", "RTCREPLICA", "RTCCLSAGT"));
            case PERSISTENT_CHAT -> services.addAll(List.of("RTCCHAT", "RTCREPLICA", "RTCCLSAGT"));
        }
        return services;
    }

    /**
     * The names a Lync server's default certificate carries, as the Deployment Wizard requests it from the published
     * topology: the server, its pool; for a Front End or Standard Edition server the internal and external web
     * services FQDNs, the simple URLs and lyncdiscoverinternal. An Edge server's internal certificate carries its
     * internal names only; its external names are on its external certificate ({@link #externalNames}).
     */
    static List<String> subjectAlternativeNames(Topology topology, String fqdn, Pool pool) {
        List<String> sans = new ArrayList<>(List.of(fqdn));
        if (pool != null && !pool.fqdn().equals(fqdn)) {
            sans.add(pool.fqdn());
        }
        if (pool != null && pool.kind().isRegistrar()) {
            pool.webServicesFqdns().ifPresent(web -> {
                addOnce(sans, web.internalFqdn());
                addOnce(sans, web.externalFqdn());
            });
            topology.simpleUrls().forEach(url -> addOnce(sans, url));
            addOnce(sans, "lyncdiscoverinternal." + DataGenerator.DOMAIN);
        }
        return sans;
    }

    /** The names an Edge server's external certificate carries: its Access, Web Conferencing and A/V Edge FQDNs. */
    static List<String> externalNames(Pool pool) {
        return pool == null ? List.of() : pool.edge().map(Pool.EdgeFqdns::all).orElse(List.of());
    }

    private static void addOnce(List<String> names, String name) {
        if (name != null && !names.contains(name)) {
            names.add(name);
        }
    }

    /** The pool a FQDN names, or the pool of the server it names. */
    static Optional<Pool> poolOf(Topology topology, String fqdn) {
        return topology.pool(fqdn).or(() -> topology.pools()
                .filter(p -> p.servers().stream().anyMatch(s -> s.equalsIgnoreCase(fqdn))).findFirst());
    }
}
