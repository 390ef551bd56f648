package org.lyncrunbooks.topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which server of the topology, if any, hosts a UNC path. Microsoft keeps backups "as a shared folder on a stand-alone
 * computer that is not part of any pool" (D3): a backup share on a Front End, a Back End, an Edge, a file server of a
 * pool or a SQL store is lost together with that server, and a recovery of that server would have to restore from the
 * share it is rebuilding.
 */
public final class SharePlacement {

    private SharePlacement() {
    }

    /**
     * The topology server hosting {@code unc} ({@code \\host\share\…}), described for people; empty when the host is
     * no server of the topology or {@code unc} is not a UNC path. The host may be given as an FQDN or as a short
     * name; an Enterprise pool's FQDN counts as its Front End servers.
     */
    public static Optional<String> serverHosting(Topology topology, String unc) {
        Optional<String> host = host(unc);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String name = host.get();
        for (String server : servers(topology)) {
            if (sameHost(server, name)) {
                return RecoveryPlanner.plan(topology, server).map(RecoveryPlan::role);
            }
        }
        return topology.pools()
                .filter(p -> p.kind() != PoolKind.STANDARD && sameHost(p.fqdn(), name))
                .findFirst()
                .map(p -> "the FQDN of " + p.kind().yamlName() + " pool " + p.fqdn() + ", which resolves to its servers "
                        + String.join(", ", p.servers()));
    }

    /** The host of a UNC path, lower case; empty for anything that is not {@code \\host\share}. */
    static Optional<String> host(String unc) {
        if (unc == null) {
            return Optional.empty();
        }
        String path = unc.trim().replace('/', '\\');
        if (!path.startsWith("\\\\") || path.length() < 3) {
            return Optional.empty();
        }
        String rest = path.substring(2);
        int end = rest.indexOf('\\');
        String host = (end < 0 ? rest : rest.substring(0, end)).toLowerCase(Locale.ROOT);
        return host.isBlank() || host.equals("?") || host.equals(".") ? Optional.empty() : Optional.of(host);
    }

    private static boolean sameHost(String fqdn, String host) {
        String server = fqdn.toLowerCase(Locale.ROOT);
        if (server.equals(host)) {
            return true;
        }
        int dot = server.indexOf('.');
        return host.indexOf('.') < 0 && dot > 0 && server.substring(0, dot).equals(host);
    }

    /** Every computer the topology names: Standard Edition servers, pool members, SQL stores and file servers. */
    private static Set<String> servers(Topology topology) {
        List<String> names = new ArrayList<>();
        topology.pools().forEach(p -> {
            if (p.kind() == PoolKind.STANDARD) {
                names.add(p.fqdn());
            }
            names.addAll(p.servers());
            p.backEndStore().ifPresent(b -> names.add(b.fqdn()));
        });
        topology.sqlStores().forEach(s -> names.add(s.fqdn()));
        topology.fileStores().forEach(f -> names.add(f.serverFqdn()));
        Set<String> servers = new LinkedHashSet<>();
        names.forEach(n -> servers.add(n.toLowerCase(Locale.ROOT)));
        return servers;
    }
}
