package org.lyncrunbooks.topology;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link Topology} as a topology file in the format {@link TopologyReader} reads (docs/topology.md). What a
 * topology object does not know is written as a value to fill in: a file store without a mount path gets
 * {@code mountPath: '<fill in: …>'}, which {@link TopologyReader} refuses until a person replaces it.
 */
public final class TopologyWriter {

    /** How every value a person must fill in starts. */
    public static final String FILL_IN = "<fill in: ";

    private TopologyWriter() {
    }

    /** The whole topology file, {@code header} (comment lines, without {@code #}) first. */
    public static String write(Topology topology, List<String> header) {
        StringBuilder sb = new StringBuilder();
        for (String line : header) {
            sb.append("# ").append(line).append('\n');
        }
        sb.append("name: ").append(quote(topology.name())).append('\n');
        if (topology.backupShare() != null) {
            sb.append("backupShare: ").append(quote(topology.backupShare())).append('\n');
        }
        if (!topology.simpleUrls().isEmpty()) {
            sb.append("simpleUrls: [").append(topology.simpleUrls().stream().map(TopologyWriter::quote)
                    .collect(Collectors.joining(", "))).append("]\n");
        }
        sb.append("sites:\n");
        for (Site site : topology.sites()) {
            sb.append("  - name: ").append(quote(site.name())).append('\n');
            sb.append("    pools:\n");
            for (Pool pool : site.pools()) {
                sb.append(pool(pool));
            }
        }
        if (!topology.sqlStores().isEmpty()) {
            sb.append("sqlStores:\n");
            for (SqlStore store : topology.sqlStores()) {
                sb.append(sqlStore(store));
            }
        }
        if (!topology.fileStores().isEmpty()) {
            sb.append("fileStores:\n");
            for (FileStore store : topology.fileStores()) {
                sb.append(fileStore(store));
            }
        }
        return sb.toString();
    }

    /** One pool as an entry of a site's {@code pools:} list (indented for it). */
    public static String pool(Pool pool) {
        StringBuilder sb = new StringBuilder();
        sb.append("      - fqdn: ").append(pool.fqdn()).append('\n');
        sb.append("        kind: ").append(pool.kind().yamlName()).append('\n');
        if (pool.kind() != PoolKind.STANDARD && !pool.servers().isEmpty()) {
            sb.append("        servers: [").append(String.join(", ", pool.servers())).append("]\n");
        }
        if (pool.backEnd() != null) {
            sb.append("        backEnd: ").append(quote(pool.backEnd().display())).append('\n');
        }
        if (pool.hostsCentralManagementStore()) {
            sb.append("        hostsCentralManagementStore: true\n");
        }
        if (pool.kind().isRegistrar()) {
            sb.append("        responseGroup: ").append(pool.responseGroup()).append('\n');
        }
        if (pool.fileStore() != null) {
            sb.append("        fileStore: ").append(quote(pool.fileStore())).append('\n');
        }
        if (pool.persistentChatStore() != null) {
            sb.append("        persistentChatStore: ").append(quote(pool.persistentChatStore().display())).append('\n');
            sb.append("        persistentChatBackup: ").append(pool.persistentChatBackup() == Pool.PersistentChatBackup.SQL
                    ? "sql" : "export").append('\n');
        }
        pool.webServicesFqdns().ifPresent(web -> {
            if (web.internalFqdn() != null && !web.internalFqdn().equalsIgnoreCase(pool.fqdn())) {
                sb.append("        internalWebFqdn: ").append(web.internalFqdn()).append('\n');
            }
            if (web.externalFqdn() != null) {
                sb.append("        externalWebFqdn: ").append(web.externalFqdn()).append('\n');
            }
        });
        pool.edge().ifPresent(edge -> {
            sb.append("        accessEdgeFqdn: ").append(edge.accessEdgeFqdn()).append('\n');
            sb.append("        webConferencingEdgeFqdn: ").append(edge.webConferencingEdgeFqdn()).append('\n');
            sb.append("        avEdgeFqdn: ").append(edge.avEdgeFqdn()).append('\n');
        });
        pool.backupPoolFqdn().ifPresent(b -> sb.append("        backupPool: ").append(b).append('\n'));
        pool.nextHopFqdn().ifPresent(h -> sb.append("        nextHop: ").append(h).append('\n'));
        return sb.toString();
    }

    /** One SQL store as an entry of {@code sqlStores:}. */
    public static String sqlStore(SqlStore store) {
        StringBuilder sb = new StringBuilder();
        sb.append("  - fqdn: ").append(store.fqdn()).append('\n');
        sb.append("    instance: ").append(store.instance()).append('\n');
        if (store.collocated()) {
            sb.append("    collocated: true\n");
        }
        sb.append("    databases: [").append(store.databases().stream().map(LyncDatabase::databaseName)
                .collect(Collectors.joining(", "))).append("]\n");
        store.mirrorStore().ifPresent(m -> sb.append("    mirror: ").append(quote(m.display())).append('\n'));
        store.witnessStore().ifPresent(w -> sb.append("    witness: ").append(quote(w.display())).append('\n'));
        return sb.toString();
    }

    /** One file store as an entry of {@code fileStores:}; without a mount path, a value to fill in. */
    public static String fileStore(FileStore store) {
        String mount = store.mountPath() == null
                ? quote(FILL_IN + "the folder where this application reads " + store.unc() + ">")
                : quote(store.mountPath().toString());
        return "  - name: " + quote(store.name()) + '\n'
                + "    unc: " + quote(store.unc()) + '\n'
                + "    mountPath: " + mount + '\n';
    }

    /** A YAML single-quoted scalar: backslashes stay as they are, a quote is doubled. */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
