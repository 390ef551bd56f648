package org.lyncrunbooks.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a topology YAML file and validates it completely before anything may use it: every problem is
 * reported with its field path ({@code sites[0].pools[1].kind}), and a single problem makes the whole file
 * unusable.
 */
public final class TopologyReader {

    private static final Pattern FQDN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern SQL_INSTANCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,15}");
    private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern UNC = Pattern.compile(
            "\\\\\\\\[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(\\\\[^\\\\/:*?\"<>|\\p{Cntrl}]+)+");

    private final Path file;
    private final List<String> problems = new ArrayList<>();
    /*
     * What the file declares even where an entry has a mistake of its own: a reference to such an entry is not
     * reported again as a reference to something undeclared, and a pool left out for its own mistake does not make
     * the farm look as if nothing hosted the Central Management store. One mistake, one problem.
     */
    private final Set<String> declaredFileStores = new LinkedHashSet<>();
    private final Set<String> declaredSqlStores = new LinkedHashSet<>();
    private boolean poolLeftOut;

    private TopologyReader(Path file) {
        this.file = file;
    }

    /** Reads and validates {@code file}; throws {@link TopologyInvalidException} listing every problem found. */
    public static Topology read(Path file) {
        return new TopologyReader(file).read();
    }

    private Topology read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TopologyInvalidException(file, List.of("(file): cannot be read: " + e));
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new TopologyInvalidException(file, List.of("(file): not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new TopologyInvalidException(file, List.of("(file): must be a YAML mapping with sites, sqlStores and fileStores"));
        }
        Topology topology = topology(new Node("", root), sha256(bytes));
        if (!problems.isEmpty()) {
            throw new TopologyInvalidException(file, problems);
        }
        return topology;
    }

    private Topology topology(Node root, String sha256) {
        Map<String, Node> top = root.fields("name", "backupShare", "simpleUrls", "sites", "sqlStores", "fileStores");
        String name = string(top.get("name"), root.child("name"), false);
        String backupShare = null;
        if (top.containsKey("backupShare")) {
            backupShare = unc(top.get("backupShare"));
        }
        List<SqlStore> sqlStores = new ArrayList<>();
        Map<String, SqlStoreRef> storeKeys = new LinkedHashMap<>();
        for (Node n : list(top.get("sqlStores"), root.child("sqlStores"), false)) {
            SqlStore store = sqlStore(n);
            if (store != null && storeKeys.putIfAbsent(key(store.ref()), store.ref()) != null) {
                problem(n, "duplicate SQL store " + store.ref().display());
            }
            if (store != null) {
                sqlStores.add(store);
            }
        }
        List<FileStore> fileStores = new ArrayList<>();
        Set<String> fileStoreNames = new LinkedHashSet<>();
        for (Node n : list(top.get("fileStores"), root.child("fileStores"), false)) {
            FileStore store = fileStore(n);
            if (store != null && !fileStoreNames.add(store.name())) {
                problem(n.child("name"), "duplicate file store name '" + store.name() + "'");
            }
            if (store != null) {
                fileStores.add(store);
            }
        }
        List<Site> sites = new ArrayList<>();
        Set<String> siteNames = new LinkedHashSet<>();
        Set<String> hostNames = new LinkedHashSet<>();
        List<Node> siteNodes = list(top.get("sites"), root.child("sites"), true);
        if (top.containsKey("sites") && siteNodes.isEmpty()) {
            problem(root.child("sites"), "at least one site is required");
        }
        for (Node n : siteNodes) {
            Site site = site(n, storeKeys, fileStoreNames, hostNames);
            if (site != null && !siteNames.add(site.name().toLowerCase(Locale.ROOT))) {
                problem(n.child("name"), "duplicate site name '" + site.name() + "'");
            }
            if (site != null) {
                sites.add(site);
            }
        }
        List<String> simpleUrls = new ArrayList<>();
        for (Node n : list(top.get("simpleUrls"), root.child("simpleUrls"), false)) {
            String url = fqdn(n, n, true);
            if (url != null && !simpleUrls.contains(url)) {
                simpleUrls.add(url);
            }
        }
        Topology topology = new Topology(name == null ? file.getFileName().toString() : name, backupShare,
                sites, sqlStores, fileStores, file, sha256, simpleUrls);
        crossChecks(topology, root);
        return topology;
    }

    private void crossChecks(Topology topology, Node root) {
        long cmsHosts = topology.pools().filter(Pool::hostsCentralManagementStore).count();
        if (cmsHosts == 0 && !poolLeftOut && topology.pools().anyMatch(p -> p.kind().isRegistrar())) {
            problem(root.child("sites"), "no pool has hostsCentralManagementStore: true; mark the Enterprise pool or Standard Edition server that hosts the Central Management store");
        }
        if (cmsHosts > 1) {
            problem(root.child("sites"), "more than one pool has hostsCentralManagementStore: true; a deployment has one Central Management store");
        }
        for (int s = 0; s < topology.sites().size(); s++) {
            List<Pool> pools = topology.sites().get(s).pools();
            for (int p = 0; p < pools.size(); p++) {
                Pool pool = pools.get(p);
                Node node = root.child("sites").index(s).child("pools").index(p);
                if (pool.kind() == PoolKind.PERSISTENT_CHAT && pool.persistentChatStore() != null) {
                    topology.sqlStore(pool.persistentChatStore())
                            .filter(store -> !store.holds(LyncDatabase.MGC))
                            .ifPresent(store -> problem(node.child("persistentChatStore"),
                                    "SQL store " + store.ref().display() + " does not list the mgc database"));
                }
                pairing(topology, pool, node);
                if (pool.hostsCentralManagementStore() && pool.backEnd() != null) {
                    topology.sqlStore(pool.backEnd())
                            .filter(store -> !store.holds(LyncDatabase.XDS) || !store.holds(LyncDatabase.LIS))
                            .ifPresent(store -> problem(node.child("backEnd"),
                                    "the pool hosts the Central Management store, so SQL store " + store.ref().display()
                                            + " must list the xds and lis databases"));
                }
            }
        }
    }

    /**
     * Disaster-recovery pairing (H7, H8, H4): a backup pool is another Front End pool of the topology, of the same kind
     * (Enterprise with Enterprise, Standard with Standard), and names this pool back; the pool paired with the Central
     * Management store's pool holds the standby store (xds and lis). An Edge pool's next hop is a Front End pool or a
     * Director pool of the topology.
     */
    private void pairing(Topology topology, Pool pool, Node node) {
        pool.backupPoolFqdn().ifPresent(backup -> {
            Pool partner = topology.pool(backup).orElse(null);
            if (partner == null) {
                if (!poolLeftOut) {
                    problem(node.child("backupPool"), "no pool '" + backup + "' in the topology");
                }
                return;
            }
            if (partner.fqdn().equals(pool.fqdn())) {
                problem(node.child("backupPool"), "a pool cannot be its own backup pool");
            } else if (partner.kind() != pool.kind()) {
                problem(node.child("backupPool"), "a " + pool.kind().yamlName() + " pool pairs only with a "
                        + pool.kind().yamlName() + " pool, and " + partner.fqdn() + " is " + partner.kind().yamlName()
                        + " (Enterprise with Enterprise, Standard with Standard)");
            } else if (!partner.backupPoolFqdn().filter(pool.fqdn()::equals).isPresent()) {
                problem(node.child("backupPool"), "pairing is reciprocal: " + partner.fqdn() + " must name "
                        + pool.fqdn() + " as its backupPool" + partner.backupPoolFqdn().map(b -> ", not " + b).orElse(""));
            } else if (pool.hostsCentralManagementStore() && partner.backEnd() != null) {
                topology.sqlStore(partner.backEnd())
                        .filter(store -> !store.holds(LyncDatabase.XDS) || !store.holds(LyncDatabase.LIS))
                        .ifPresent(store -> problem(node.child("backupPool"), "the pool hosts the Central Management "
                                + "store, so its backup pool's SQL store " + store.ref().display() + " holds the standby "
                                + "store and must list the xds and lis databases"));
            }
        });
        pool.nextHopFqdn().ifPresent(hop -> {
            Pool target = topology.pool(hop).orElse(null);
            if (target == null) {
                if (!poolLeftOut) {
                    problem(node.child("nextHop"), "no pool '" + hop + "' in the topology");
                }
            } else if (!target.kind().isRegistrar() && target.kind() != PoolKind.DIRECTOR) {
                problem(node.child("nextHop"), "an Edge pool's next hop is a Front End pool, Standard Edition server "
                        + "or Director pool, and " + target.fqdn() + " is " + target.kind().yamlName());
            }
        });
    }

    private Site site(Node node, Map<String, SqlStoreRef> storeKeys, Set<String> fileStores, Set<String> hostNames) {
        Map<String, Node> f = node.fields("name", "pools");
        if (f == null) {
            return null;
        }
        String name = string(f.get("name"), node.child("name"), true);
        List<Pool> pools = new ArrayList<>();
        List<Node> poolNodes = list(f.get("pools"), node.child("pools"), true);
        for (Node n : poolNodes) {
            Pool pool = pool(n, name, storeKeys, fileStores, hostNames);
            if (pool != null) {
                pools.add(pool);
            } else {
                poolLeftOut = true;
            }
        }
        return name == null ? null : new Site(name, pools);
    }

    private Pool pool(Node node, String site, Map<String, SqlStoreRef> storeKeys, Set<String> fileStores, Set<String> hostNames) {
        Map<String, Node> f = node.fields("fqdn", "kind", "servers", "backEnd", "hostsCentralManagementStore",
                "responseGroup", "fileStore", "persistentChatStore", "persistentChatBackup", "internalWebFqdn",
                "externalWebFqdn", "accessEdgeFqdn", "webConferencingEdgeFqdn", "avEdgeFqdn", "backupPool", "nextHop");
        if (f == null) {
            return null;
        }
        String fqdn = fqdn(f.get("fqdn"), node.child("fqdn"), true);
        if (fqdn != null && !hostNames.add(fqdn)) {
            problem(node.child("fqdn"), "duplicate FQDN '" + fqdn + "' (pool and server FQDNs must be unique)");
        }
        PoolKind kind = null;
        String kindText = string(f.get("kind"), node.child("kind"), true);
        if (kindText != null) {
            kind = PoolKind.fromYaml(kindText).orElse(null);
            if (kind == null) {
                problem(node.child("kind"), "unknown pool kind '" + kindText + "'; expected one of " + PoolKind.allNames());
                return null;
            }
        }
        List<String> servers = new ArrayList<>();
        for (Node s : list(f.get("servers"), node.child("servers"), false)) {
            String server = fqdn(s, s, true);
            if (server != null && !server.equals(fqdn) && !hostNames.add(server)) {
                problem(s, "duplicate FQDN '" + server + "' (pool and server FQDNs must be unique)");
            }
            if (server != null) {
                servers.add(server);
            }
        }
        SqlStoreRef backEnd = storeRef(f.get("backEnd"), node.child("backEnd"), storeKeys);
        boolean cms = bool(f.get("hostsCentralManagementStore"));
        boolean rgs = bool(f.get("responseGroup"));
        String fileStore = string(f.get("fileStore"), node.child("fileStore"), false);
        if (fileStore != null && !fileStores.contains(fileStore) && !declaredFileStores.contains(fileStore)) {
            problem(node.child("fileStore"), "no file store named '" + fileStore + "' in fileStores");
        }
        SqlStoreRef pcStore = storeRef(f.get("persistentChatStore"), node.child("persistentChatStore"), storeKeys);
        Pool.PersistentChatBackup pcBackup = null;
        String pcBackupText = string(f.get("persistentChatBackup"), node.child("persistentChatBackup"), false);
        String internalWeb = fqdn(f.get("internalWebFqdn"), node.child("internalWebFqdn"), f.containsKey("internalWebFqdn"));
        String externalWeb = fqdn(f.get("externalWebFqdn"), node.child("externalWebFqdn"), f.containsKey("externalWebFqdn"));
        Pool.EdgeFqdns edge = null;
        if (kind == PoolKind.EDGE) {
            String access = fqdn(f.get("accessEdgeFqdn"), node.child("accessEdgeFqdn"), f.containsKey("accessEdgeFqdn"));
            String webConferencing = fqdn(f.get("webConferencingEdgeFqdn"), node.child("webConferencingEdgeFqdn"),
                    f.containsKey("webConferencingEdgeFqdn"));
            String av = fqdn(f.get("avEdgeFqdn"), node.child("avEdgeFqdn"), f.containsKey("avEdgeFqdn"));
            for (String field : List.of("accessEdgeFqdn", "webConferencingEdgeFqdn", "avEdgeFqdn")) {
                if (!f.containsKey(field)) {
                    problem(node.child(field), "missing; an Edge pool needs the external FQDNs of its Access, Web "
                            + "Conferencing and A/V Edge services, which its external certificate carries");
                }
            }
            if (access != null && webConferencing != null && av != null) {
                edge = new Pool.EdgeFqdns(access, webConferencing, av);
            }
        }
        String backupPool = fqdn(f.get("backupPool"), node.child("backupPool"), f.containsKey("backupPool"));
        String nextHop = fqdn(f.get("nextHop"), node.child("nextHop"), f.containsKey("nextHop"));
        if (kind == null || fqdn == null) {
            return null;
        }
        switch (kind) {
            case ENTERPRISE -> {
                if (servers.isEmpty()) {
                    problem(node.child("servers"), "an enterprise pool needs at least one Front End server");
                }
                require(backEnd, f, node, "backEnd", "an enterprise pool needs its Back End SQL store (fqdn\\instance)");
            }
            case STANDARD -> {
                if (!servers.isEmpty() && !servers.equals(List.of(fqdn))) {
                    problem(node.child("servers"), "a Standard Edition pool is its one server; leave servers out or list only " + fqdn);
                }
                servers = List.of(fqdn);
                require(backEnd, f, node, "backEnd", "a Standard Edition server needs its SQL store (fqdn\\instance, usually its own rtc instance)");
            }
            case PERSISTENT_CHAT -> {
                if (servers.isEmpty()) {
                    problem(node.child("servers"), "a persistent-chat pool needs at least one server");
                }
                require(pcStore, f, node, "persistentChatStore", "a persistent-chat pool needs its SQL store (fqdn\\instance holding mgc)");
                pcBackup = Pool.PersistentChatBackup.EXPORT;
                if (pcBackupText != null) {
                    switch (pcBackupText) {
                        case "export" -> pcBackup = Pool.PersistentChatBackup.EXPORT;
                        case "sql" -> pcBackup = Pool.PersistentChatBackup.SQL;
                        default -> problem(node.child("persistentChatBackup"),
                                "unknown value '" + pcBackupText + "'; expected export or sql");
                    }
                }
            }
            default -> {
                if (servers.isEmpty()) {
                    problem(node.child("servers"), "a " + kind.yamlName() + " pool needs at least one server");
                }
            }
        }
        if (!kind.isRegistrar()) {
            forbid(f, node, kind, "backEnd", "hostsCentralManagementStore", "responseGroup", "fileStore",
                    "internalWebFqdn", "externalWebFqdn");
        }
        if (kind != PoolKind.PERSISTENT_CHAT) {
            forbid(f, node, kind, "persistentChatStore", "persistentChatBackup");
        }
        if (kind != PoolKind.EDGE) {
            forbid(f, node, kind, "accessEdgeFqdn", "webConferencingEdgeFqdn", "avEdgeFqdn", "nextHop");
        }
        if (!kind.isRegistrar()) {
            forbid(f, node, kind, "backupPool");
        }
        Pool.WebServices web = kind.isRegistrar()
                ? new Pool.WebServices(internalWeb == null ? fqdn : internalWeb, externalWeb) : null;
        return new Pool(fqdn, kind, site, servers, backEnd, cms, rgs, fileStore, pcStore, pcBackup, web, edge,
                kind.isRegistrar() ? backupPool : null, kind == PoolKind.EDGE ? nextHop : null);
    }

    private void require(Object value, Map<String, Node> fields, Node node, String field, String message) {
        if (value == null && !fields.containsKey(field)) {
            problem(node.child(field), "missing; " + message);
        }
    }

    private void forbid(Map<String, Node> fields, Node node, PoolKind kind, String... names) {
        for (String name : names) {
            if (fields.containsKey(name)) {
                problem(node.child(name), "does not apply to a " + kind.yamlName() + " pool");
            }
        }
    }

    private SqlStore sqlStore(Node node) {
        Map<String, Node> f = node.fields("fqdn", "instance", "collocated", "databases", "mirror", "witness");
        if (f == null) {
            return null;
        }
        String fqdn = fqdn(f.get("fqdn"), node.child("fqdn"), true);
        String instance = string(f.get("instance"), node.child("instance"), true);
        if (instance != null && !SQL_INSTANCE.matcher(instance).matches()) {
            problem(node.child("instance"), "'" + printable(instance) + "' is not a SQL Server instance name "
                    + "(1-16 letters, digits, _ or $, starting with a letter or _)");
            instance = null;
        }
        String rawFqdn = f.get("fqdn") != null && f.get("fqdn").value instanceof String t ? t.strip() : null;
        String rawInstance = f.get("instance") != null && f.get("instance").value instanceof String t ? t.strip() : null;
        if (rawFqdn != null && rawInstance != null) {
            declaredSqlStores.add(key(new SqlStoreRef(rawFqdn, rawInstance)));
        }
        boolean collocated = bool(f.get("collocated"));
        List<LyncDatabase> databases = new ArrayList<>();
        List<Node> dbNodes = list(f.get("databases"), node.child("databases"), true);
        if (f.containsKey("databases") && dbNodes.isEmpty()) {
            problem(node.child("databases"), "list the Lync databases this instance holds");
        }
        for (Node d : dbNodes) {
            String dbName = string(d, d, true);
            if (dbName == null) {
                continue;
            }
            LyncDatabase db = LyncDatabase.fromName(dbName).orElse(null);
            if (db == null) {
                problem(d, "unknown Lync database '" + printable(dbName) + "'; expected one of " + LyncDatabase.allNames());
            } else if (databases.contains(db)) {
                problem(d, "duplicate database '" + dbName + "'");
            } else {
                databases.add(db);
            }
        }
        SqlStoreRef mirror = instanceRef(f.get("mirror"), node.child("mirror"));
        SqlStoreRef witness = instanceRef(f.get("witness"), node.child("witness"));
        if (fqdn == null || instance == null) {
            return null;
        }
        SqlStoreRef self = new SqlStoreRef(fqdn, instance);
        if (mirror != null && key(mirror).equals(key(self))) {
            problem(node.child("mirror"), "the mirror must be another SQL Server instance than the principal " + self.display());
            mirror = null;
        }
        if (mirror != null && collocated) {
            problem(node.child("mirror"), "a collocated SQL Server Express instance (Standard Edition) cannot be mirrored");
        }
        if (witness != null && mirror == null && !f.containsKey("mirror")) {
            problem(node.child("witness"), "a witness needs a mirror: declare mirror (fqdn\\instance) first");
        }
        if (witness != null && (key(witness).equals(key(self)) || mirror != null && key(witness).equals(key(mirror)))) {
            problem(node.child("witness"), "the witness must be a third SQL Server instance, neither the principal nor the mirror");
        }
        return new SqlStore(fqdn, instance, collocated, databases, mirror, witness);
    }

    private FileStore fileStore(Node node) {
        Map<String, Node> f = node.fields("name", "unc", "mountPath");
        if (f == null) {
            return null;
        }
        String name = string(f.get("name"), node.child("name"), true);
        if (name != null) {
            declaredFileStores.add(name);
        }
        if (name != null && !STORE_NAME.matcher(name).matches()) {
            problem(node.child("name"), "'" + printable(name) + "' is not a valid file store name "
                    + "(letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64)");
            name = null;
        }
        String unc = f.containsKey("unc") ? unc(f.get("unc")) : null;
        if (!f.containsKey("unc")) {
            problem(node.child("unc"), "missing; the UNC path Lync servers use (\\\\server\\share)");
        }
        Path mount = null;
        String mountText = string(f.get("mountPath"), node.child("mountPath"), true);
        if (mountText != null) {
            try {
                Path p = Path.of(mountText);
                if (!p.isAbsolute()) {
                    Path base = file.toAbsolutePath().getParent();
                    p = base.resolve(p);
                }
                if (!Files.isDirectory(p)) {
                    problem(node.child("mountPath"), "directory " + p + " does not exist");
                } else {
                    mount = p.toRealPath();
                }
            } catch (InvalidPathException | IOException e) {
                problem(node.child("mountPath"), "'" + printable(mountText) + "' is not a usable path: " + e.getMessage());
            }
        }
        if (name == null || unc == null || mount == null) {
            return null;
        }
        return new FileStore(name, unc, mount);
    }

    private SqlStoreRef storeRef(Node value, Node at, Map<String, SqlStoreRef> storeKeys) {
        if (value == null) {
            return null;
        }
        String text = string(value, at, true);
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('\\');
        if (slash <= 0 || slash == text.length() - 1) {
            problem(at, "'" + printable(text) + "' must name a SQL store as fqdn\\instance, e.g. sql01.contoso.local\\rtc");
            return null;
        }
        String wanted = key(new SqlStoreRef(text.substring(0, slash), text.substring(slash + 1)));
        SqlStoreRef ref = storeKeys.get(wanted);
        if (ref == null && !declaredSqlStores.contains(wanted)) {
            problem(at, "no SQL store " + printable(text) + " in sqlStores");
        }
        return ref;
    }

    /** A SQL Server instance written {@code fqdn\instance} that need not be one of {@code sqlStores} (a mirror, a witness). */
    private SqlStoreRef instanceRef(Node value, Node at) {
        if (value == null) {
            return null;
        }
        String text = string(value, at, true);
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('\\');
        if (slash <= 0 || slash == text.length() - 1) {
            problem(at, "'" + printable(text) + "' must name a SQL Server instance as fqdn\\instance, e.g. sql02.contoso.local\\rtc");
            return null;
        }
        String host = text.substring(0, slash).toLowerCase(Locale.ROOT);
        String instance = text.substring(slash + 1);
        if (!FQDN.matcher(host).matches()) {
            problem(at, "'" + printable(text.substring(0, slash)) + "' is not a fully qualified domain name (e.g. sql02.contoso.local)");
            return null;
        }
        if (!SQL_INSTANCE.matcher(instance).matches()) {
            problem(at, "'" + printable(instance) + "' is not a SQL Server instance name "
                    + "(1-16 letters, digits, _ or $, starting with a letter or _)");
            return null;
        }
        return new SqlStoreRef(host, instance);
    }

    private String unc(Node node) {
        String text = string(node, node, true);
        if (text != null && !UNC.matcher(text).matches()) {
            problem(node, "'" + printable(text) + "' is not a UNC path (\\\\server\\share[\\folder])");
            return null;
        }
        return text;
    }

    private String fqdn(Node value, Node at, boolean required) {
        String text = string(value, at, required);
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!FQDN.matcher(lower).matches()) {
            problem(at, "'" + printable(text) + "' is not a fully qualified domain name (e.g. fe01.contoso.local)");
            return null;
        }
        return lower;
    }

    private String string(Node value, Node at, boolean required) {
        if (value == null || value.value == null) {
            if (required) {
                problem(at, "missing");
            }
            return null;
        }
        if (!(value.value instanceof String || value.value instanceof Number)) {
            problem(at, "must be a text value");
            return null;
        }
        String text = value.value.toString().trim();
        if (text.isEmpty()) {
            problem(at, "must not be empty");
            return null;
        }
        return text;
    }

    private boolean bool(Node value) {
        if (value == null || value.value == null) {
            return false;
        }
        if (value.value instanceof Boolean b) {
            return b;
        }
        problem(value, "must be true or false");
        return false;
    }

    private List<Node> list(Node value, Node at, boolean required) {
        if (value == null || value.value == null) {
            if (required) {
                problem(at, "missing");
            }
            return List.of();
        }
        if (!(value.value instanceof List<?> items)) {
            problem(value, "must be a list");
            return List.of();
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            nodes.add(new Node(value.path + "[" + i + "]", items.get(i)));
        }
        return nodes;
    }

    private void problem(Node at, String message) {
        problems.add((at.path.isEmpty() ? "(file)" : at.path) + ": " + message);
    }

    private static String key(SqlStoreRef ref) {
        return ref.fqdn().toLowerCase(Locale.ROOT) + "\\" + ref.instance().toLowerCase(Locale.ROOT);
    }

    /** Shows control characters in a value instead of letting them break the message (CR/LF in names). */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.length() > 140 ? sb.substring(0, 137) + "..." : sb.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value in the YAML tree with its field path. */
    private final class Node {
        final String path;
        final Object value;

        Node(String path, Object value) {
            this.path = path;
            this.value = value;
        }

        Node child(String name) {
            return new Node(path.isEmpty() ? name : path + "." + name, null);
        }

        Node index(int i) {
            return new Node(path + "[" + i + "]", null);
        }

        /** The mapping's fields by name; an unknown field is a problem (it is usually a typo). */
        Map<String, Node> fields(String... known) {
            if (!(value instanceof Map<?, ?> map)) {
                problem(this, "must be a mapping with the fields " + String.join(", ", known));
                return null;
            }
            Set<String> allowed = Set.of(known);
            Map<String, Node> fields = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                Node child = new Node(path.isEmpty() ? name : path + "." + name, e.getValue());
                if (!allowed.contains(name)) {
                    problem(child, "unknown field; expected one of " + String.join(", ", known));
                } else {
                    fields.put(name, child);
                }
            }
            return fields;
        }
    }
}
