package org.lyncrunbooks.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyWriter;

/**
 * Compares the topology file with the farm's published topology: the pools (by FQDN), SQL stores (by
 * {@code fqdn\instance}), the databases of each store that a backup would take or export (those Lync rebuilds by
 * itself, D1, are left out) and the file stores (by UNC path) that one has and the other lacks. Names are compared
 * without regard to letter case, as DNS and SQL Server do.
 */
final class TopologyComparison {

    private TopologyComparison() {
    }

    /** The differences, farm additions first, each list in the farm's (or the file's) order. */
    static List<TopologyDifference> compare(Topology file, Topology farm) {
        List<TopologyDifference> added = new ArrayList<>();
        List<TopologyDifference> removed = new ArrayList<>();
        farm.pools().filter(p -> file.pool(p.fqdn()).isEmpty())
                .forEach(p -> added.add(new TopologyDifference(TopologyDifference.Change.ADDED, "pool", lower(p.fqdn()))));
        file.pools().filter(p -> farm.pool(p.fqdn()).isEmpty())
                .forEach(p -> removed.add(new TopologyDifference(TopologyDifference.Change.REMOVED, "pool", lower(p.fqdn()))));
        for (SqlStore store : farm.sqlStores()) {
            Optional<SqlStore> known = file.sqlStore(store.ref());
            if (known.isEmpty()) {
                added.add(new TopologyDifference(TopologyDifference.Change.ADDED, "SQL store", display(store)));
                continue;
            }
            for (LyncDatabase db : store.databases()) {
                if (protectedDatabase(db) && !known.get().holds(db)) {
                    added.add(new TopologyDifference(TopologyDifference.Change.ADDED, "database",
                            display(store) + "/" + db.databaseName()));
                }
            }
            for (LyncDatabase db : known.get().databases()) {
                if (protectedDatabase(db) && !store.holds(db)) {
                    removed.add(new TopologyDifference(TopologyDifference.Change.REMOVED, "database",
                            display(store) + "/" + db.databaseName()));
                }
            }
        }
        for (SqlStore store : file.sqlStores()) {
            if (farm.sqlStore(store.ref()).isEmpty()) {
                removed.add(new TopologyDifference(TopologyDifference.Change.REMOVED, "SQL store", display(store)));
            }
        }
        for (FileStore store : farm.fileStores()) {
            if (byUnc(file, store.unc()).isEmpty()) {
                added.add(new TopologyDifference(TopologyDifference.Change.ADDED, "file store", lower(store.unc())));
            }
        }
        for (FileStore store : file.fileStores()) {
            if (byUnc(farm, store.unc()).isEmpty()) {
                removed.add(new TopologyDifference(TopologyDifference.Change.REMOVED, "file store", lower(store.unc())));
            }
        }
        List<TopologyDifference> all = new ArrayList<>(added);
        all.addAll(removed);
        return all;
    }

    /**
     * The YAML to add to the topology file for what the farm has and the file lacks: new pools (under their site),
     * new SQL stores, new file stores with their mount path to fill in. Databases added to a known store are listed
     * as a comment on that store. Empty when nothing was added.
     */
    static String yamlToAdd(Topology file, Topology farm, List<TopologyDifference> differences) {
        Map<String, String> fileStoreNames = new LinkedHashMap<>();
        for (FileStore store : farm.fileStores()) {
            byUnc(file, store.unc()).ifPresent(known -> fileStoreNames.put(store.name(), known.name()));
        }
        StringBuilder sb = new StringBuilder();
        Map<String, List<Pool>> newPools = new LinkedHashMap<>();
        farm.pools().filter(p -> file.pool(p.fqdn()).isEmpty())
                .forEach(p -> newPools.computeIfAbsent(p.site(), k -> new ArrayList<>()).add(p));
        if (!newPools.isEmpty()) {
            sb.append("sites:\n");
            newPools.forEach((site, pools) -> {
                sb.append("  - name: ").append(site).append("        # add these pools to this site's pools\n");
                sb.append("    pools:\n");
                for (Pool pool : pools) {
                    Pool renamed = pool.fileStore() == null || !fileStoreNames.containsKey(pool.fileStore()) ? pool
                            : new Pool(pool.fqdn(), pool.kind(), pool.site(), pool.servers(), pool.backEnd(),
                            pool.hostsCentralManagementStore(), pool.responseGroup(), fileStoreNames.get(pool.fileStore()),
                            pool.persistentChatStore(), pool.persistentChatBackup(), pool.webServices(), pool.edgeFqdns(),
                            pool.backupPool(), pool.nextHop());
                    sb.append(TopologyWriter.pool(renamed));
                }
            });
        }
        List<SqlStore> newStores = farm.sqlStores().stream().filter(s -> file.sqlStore(s.ref()).isEmpty()).toList();
        List<TopologyDifference> newDatabases = differences.stream()
                .filter(d -> d.change() == TopologyDifference.Change.ADDED && d.kind().equals("database")).toList();
        if (!newStores.isEmpty() || !newDatabases.isEmpty()) {
            sb.append("sqlStores:\n");
            newStores.forEach(s -> sb.append(TopologyWriter.sqlStore(s)));
            for (TopologyDifference d : newDatabases) {
                sb.append("  # add to the databases of ").append(d.name().replace("/", ": ")).append('\n');
            }
        }
        List<FileStore> newFileStores = farm.fileStores().stream().filter(f -> byUnc(file, f.unc()).isEmpty()).toList();
        if (!newFileStores.isEmpty()) {
            sb.append("fileStores:\n");
            newFileStores.forEach(f -> sb.append(TopologyWriter.fileStore(f)));
        }
        return sb.toString();
    }

    /** A short subject for the task: "pool pool02.contoso.local, file store \\fs03\share" (and how many more). */
    static String subject(List<TopologyDifference> differences) {
        String listed = differences.stream().limit(3).map(d -> (d.change() == TopologyDifference.Change.ADDED ? "" : "removed ")
                + d.kind() + " " + d.name()).collect(Collectors.joining(", "));
        return differences.size() > 3 ? listed + " and " + (differences.size() - 3) + " more" : listed;
    }

    private static boolean protectedDatabase(LyncDatabase db) {
        return db.protection() != LyncDatabase.Protection.NOT_BACKED_UP;
    }

    private static Optional<FileStore> byUnc(Topology topology, String unc) {
        return topology.fileStores().stream().filter(f -> f.unc().equalsIgnoreCase(unc)).findFirst();
    }

    private static String display(SqlStore store) {
        return lower(store.fqdn()) + "\\" + store.instance().toLowerCase(Locale.ROOT);
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
