package org.lyncrunbooks.topology;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The inventory of a Lync Server 2013 deployment, as read and validated from the topology YAML. It says
 * what the farm is; {@link BackupPlanner} derives what to back up from it.
 *
 * @param source      the file it was read from
 * @param sha256      SHA-256 of that file's bytes, recorded in every manifest
 * @param backupShare the backup share as the Lync servers see it, if the topology names one
 * @param simpleUrls  the FQDNs of the simple URLs (meet, dialin, admin) the topology publishes; every Front End's
 *                    certificate carries them
 */
public record Topology(
        String name,
        String backupShare,
        List<Site> sites,
        List<SqlStore> sqlStores,
        List<FileStore> fileStores,
        Path source,
        String sha256,
        List<String> simpleUrls) {

    public Topology {
        sites = List.copyOf(sites);
        sqlStores = List.copyOf(sqlStores);
        fileStores = List.copyOf(fileStores);
        simpleUrls = simpleUrls == null ? List.of() : List.copyOf(simpleUrls);
    }

    public Topology(String name, String backupShare, List<Site> sites, List<SqlStore> sqlStores,
                    List<FileStore> fileStores, Path source, String sha256) {
        this(name, backupShare, sites, sqlStores, fileStores, source, sha256, List.of());
    }

    public Stream<Pool> pools() {
        return sites.stream().flatMap(s -> s.pools().stream());
    }

    public Optional<Pool> pool(String fqdn) {
        return pools().filter(p -> p.fqdn().equalsIgnoreCase(fqdn)).findFirst();
    }

    public Optional<SqlStore> sqlStore(SqlStoreRef ref) {
        return sqlStores.stream()
                .filter(s -> s.fqdn().equalsIgnoreCase(ref.fqdn()) && s.instance().equalsIgnoreCase(ref.instance()))
                .findFirst();
    }

    public Optional<FileStore> fileStore(String name) {
        return fileStores.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The pool paired with {@code pool} for disaster recovery, when it has one. */
    public Optional<Pool> backupPoolOf(Pool pool) {
        return pool.backupPoolFqdn().flatMap(this::pool);
    }

    /** The Edge pools whose next hop is {@code poolFqdn} in the topology. */
    public java.util.List<Pool> edgePoolsWithNextHop(String poolFqdn) {
        return pools().filter(p -> p.kind() == PoolKind.EDGE)
                .filter(p -> p.nextHopFqdn().filter(poolFqdn::equalsIgnoreCase).isPresent()).toList();
    }

    /** The pool whose Back End (or Standard Edition server) hosts the Central Management store. */
    public Optional<Pool> centralManagementPool() {
        return pools().filter(Pool::hostsCentralManagementStore).findFirst();
    }
}
