package org.lyncrunbooks.lab;

import static org.lyncrunbooks.lab.DataGenerator.BASE_TIME;
import static org.lyncrunbooks.lab.DataGenerator.guid;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.lyncrunbooks.lab.DataGenerator.RgsContact;
import org.lyncrunbooks.lab.DataGenerator.User;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a lab farm from nothing: the topology, the machines, the AD objects, the SQL instances with their
 * databases and rows, and the file store trees. Everything derives from the seed; {@code topology.yaml} is
 * written last, so a farm without it is known to be incomplete and is generated again.
 */
final class FarmGenerator {

    private static final Logger log = LoggerFactory.getLogger(FarmGenerator.class);
    static final Instant CERTIFICATE_NOT_AFTER = Instant.parse("2035-12-31T23:59:59Z");
    private static final List<String> FARM_ENTRIES = List.of("topology.yaml", "topology.yaml.generating",
            "published-topology.yaml", "ad",
            "servers", "pools", "pairing", "ca", "sql", "filestores", "shares", "shellhost", "transcript.log");

    private final FarmLayout layout;
    private final StateFiles state;
    private final LabDatabases databases;
    private final LabProperties properties;
    private final DataGenerator data;
    private final ServiceData service;
    private final ActivityData activity;

    FarmGenerator(FarmLayout layout, StateFiles state, LabDatabases databases, LabProperties properties) {
        this.layout = layout;
        this.state = state;
        this.databases = databases;
        this.properties = properties;
        this.data = new DataGenerator(properties.seed(), properties.usersPerPool());
        this.service = new ServiceData(data);
        this.activity = new ActivityData(data);
    }

    void generate() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(layout.root());
            for (String entry : FARM_ENTRIES) {
                deleteTree(layout.root().resolve(entry));
            }
            Path draft = layout.root().resolve("topology.yaml.generating");
            Files.createDirectories(layout.fileStoreDir("lab-fs01"));
            Files.createDirectories(layout.fileStoreDir("lab-fs02"));
            Files.writeString(draft, topologyYaml(), StandardCharsets.UTF_8);
            Topology topology = TopologyReader.read(draft);

            Map<String, FarmHosts.Host> hosts = FarmHosts.of(topology);
            Map<String, String> serviceIds = machines(topology, hosts);
            List<RgsContact> contacts = sql(topology, serviceIds);
            state.write(layout.cmsScp(), cmsScp(topology));
            state.write(layout.rgsContacts(), contacts);
            for (FileStore store : topology.fileStores()) {
                files(store, store.name().equals("lab-fs01") ? properties.filesPerStore() : properties.filesPerStore() / 2);
                state.write(layout.shareAclFile(store.name()), ShareAcls.record(store, BASE_TIME
                        .minusDays(120).toInstant(ZoneOffset.UTC)));
            }
            StateFiles.moveInto(draft, layout.topologyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the lab farm under " + layout.root(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot generate the lab farm's databases: " + e.getMessage(), e);
        }
        log.info("Generated lab farm under {} in {} ms (shape {}, seed {}, {} users per pool, {} files per store)",
                layout.root(), (System.nanoTime() - started) / 1_000_000, properties.shape(), properties.seed(),
                properties.usersPerPool(), properties.filesPerStore());
    }

    /**
     * Builds what an administrator added to the farm after it was generated ({@code before} → {@code after}): the new
     * machines installed and running, the new SQL instances with their databases and rows (users for a new pool's Back
     * End), the new file stores' trees and share ACLs. What existed before is not touched.
     */
    void add(Topology before, Topology after) {
        try {
            Map<String, FarmHosts.Host> known = FarmHosts.of(before);
            Map<String, FarmHosts.Host> added = new LinkedHashMap<>();
            FarmHosts.of(after).forEach((fqdn, host) -> {
                if (!known.containsKey(fqdn)) {
                    added.put(fqdn, host);
                }
            });
            Map<String, String> serviceIds = machines(after, added);
            Map<String, List<User>> users = data.users(after);
            for (SqlStore store : after.sqlStores()) {
                if (before.sqlStore(store.ref()).isEmpty()) {
                    sqlStore(after, store, users, serviceIds);
                }
            }
            for (FileStore store : after.fileStores()) {
                if (before.fileStores().stream().noneMatch(f -> f.name().equals(store.name()))) {
                    files(store, Math.max(1, properties.filesPerStore() / 2));
                    state.write(layout.shareAclFile(store.name()), ShareAcls.record(store, BASE_TIME
                            .minusDays(1).toInstant(ZoneOffset.UTC)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add to the lab farm under " + layout.root(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the added databases: " + e.getMessage(), e);
        }
    }

    private String topologyYaml() throws IOException {
        if (properties.size() == LabProperties.FarmSize.LARGE) {
            return LargeFarm.topologyYaml(layout, properties.large(), properties.seed());
        }
        String fs01 = yamlQuote(layout.fileStoreDir("lab-fs01").toString());
        String fs02 = yamlQuote(layout.fileStoreDir("lab-fs02").toString());
        return properties.shape().topologyYaml(properties.seed(), fs01, fs02);
    }

    private static String yamlQuote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Writes every machine's state: installed, certificates assigned, services running. */
    private Map<String, String> machines(Topology topology, Map<String, FarmHosts.Host> hosts) {
        Map<String, String> serviceIds = new LinkedHashMap<>();
        for (FarmHosts.Host host : hosts.values()) {
            Random r = data.random("machine:" + host.fqdn());
            ServerState machine;
            if (host.pool() == null) {
                machine = new ServerState(host.fqdn(), host.roles(), null, true, false, false, null, null, List.of());
            } else {
                String serviceId = guid(r);
                serviceIds.put(host.fqdn(), serviceId);
                byte[] thumb = new byte[20];
                r.nextBytes(thumb);
                ServerState.Certificate certificate = new ServerState.Certificate(
                        HexFormat.of().withUpperCase().formatHex(thumb), "CN=" + host.fqdn(),
                        FarmHosts.subjectAlternativeNames(topology, host.fqdn(), host.pool()), CERTIFICATE_NOT_AFTER);
                ServerState.Certificate external = null;
                List<String> externalNames = FarmHosts.externalNames(host.pool());
                if (!externalNames.isEmpty()) {
                    r.nextBytes(thumb);
                    external = new ServerState.Certificate(HexFormat.of().withUpperCase().formatHex(thumb),
                            "CN=" + externalNames.get(0), externalNames, CERTIFICATE_NOT_AFTER);
                }
                machine = new ServerState(host.fqdn(), host.roles(), host.pool().fqdn(), true, true, true, serviceId,
                        certificate, FarmHosts.services(host.pool()), List.of(), external);
            }
            state.write(layout.serverFile(host.fqdn()), machine);
        }
        return serviceIds;
    }

    /** Creates every SQL instance with its databases; the instances are independent, so they are filled in parallel. */
    private List<RgsContact> sql(Topology topology, Map<String, String> serviceIds) throws SQLException {
        Map<String, List<User>> users = data.users(topology);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<List<RgsContact>>> stores = new ArrayList<>();
            for (SqlStore store : topology.sqlStores()) {
                stores.add(pool.submit(() -> sqlStore(topology, store, users, serviceIds)));
            }
            List<RgsContact> contacts = new ArrayList<>();
            for (Future<List<RgsContact>> store : stores) {
                contacts.addAll(store.get());
            }
            return contacts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the lab farm's databases", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private List<RgsContact> sqlStore(Topology topology, SqlStore store, Map<String, List<User>> users,
                                      Map<String, String> serviceIds) throws SQLException {
        List<User> everyone = users.values().stream().flatMap(List::stream).toList();
        Map<String, List<String>> frontEnds = new LinkedHashMap<>();
        topology.pools().filter(p -> p.kind().isRegistrar()).forEach(p -> frontEnds.put(p.fqdn(), p.servers()));
        List<String> allFrontEnds = frontEnds.values().stream().flatMap(List::stream).toList();
        List<RgsContact> contacts = new ArrayList<>();
        // the original DBA kept data and logs on drives of their own (P1); a rebuilt instance has setup's defaults
        String instanceFolder = store.instance().toUpperCase(java.util.Locale.ROOT);
        databases.installInstance(store.ref(), LabDatabases.SQL_2012_SP4, "E:\\MSSQL\\" + instanceFolder + "\\Data",
                "F:\\MSSQL\\" + instanceFolder + "\\Logs");
        List<Pool> served = topology.pools().filter(p -> store.ref().equals(p.backEnd())).toList();
        List<User> storeUsers = served.stream().flatMap(p -> users.getOrDefault(p.fqdn(), List.of()).stream()).toList();
        for (LyncDatabase db : store.databases()) {
            try (Connection c = databases.createBlank(store.ref(), db.databaseName())) {
                try (Statement s = c.createStatement()) {
                    for (String ddl : Schemas.ddl(db)) {
                        s.execute(ddl);
                    }
                }
                c.setAutoCommit(false);
                switch (db) {
                    case XDS -> service.xds(c, topology);
                    case LIS -> service.lis(c);
                    case RTCXDS -> {
                        for (Pool pool : served) {
                            data.rtcxds(c, users.getOrDefault(pool.fqdn(), List.of()), everyone);
                        }
                    }
                    case RTCSHARED -> data.rtcshared(c, served.stream().map(Pool::fqdn).toList());
                    case RTCAB, RTCAB1 -> data.rtcab(c, everyone);
                    case RTCDYN -> data.rtcdyn(c, storeUsers, frontEnds);
                    case CPSDYN -> data.cpsdyn(c, storeUsers);
                    case RGSCONFIG -> {
                        for (Pool pool : served) {
                            if (pool.responseGroup()) {
                                contacts.addAll(service.rgsconfig(c, pool.fqdn(),
                                        users.getOrDefault(pool.fqdn(), List.of()), serviceIds.get(pool.servers().get(0))));
                            }
                        }
                    }
                    case RGSDYN -> {
                        if (served.stream().anyMatch(Pool::responseGroup)) {
                            service.rgsdyn(c, storeUsers);
                        }
                    }
                    case LCSLOG -> activity.lcsLog(c, everyone);
                    case LCSCDR -> activity.lcsCdr(c, everyone, allFrontEnds);
                    case QOEMETRICS -> activity.qoeMetrics(c);
                    case MGC -> activity.mgc(c, everyone);
                    case MGCCOMP -> activity.mgccomp(c);
                }
                c.commit();
            }
        }
        BackupHistory history = new BackupHistory(layout, state);
        for (LyncDatabase db : store.databases()) {
            if (db.protection() == LyncDatabase.Protection.SQL_BACKUP || db == LyncDatabase.MGC) {
                // the organisation's own SQL backup policy (D13): the DBA's nightly full backup starts the chain
                history.record(store.ref(), new BackupHistory.Entry(db.databaseName(), "G:\\SQLBackup\\"
                        + db.databaseName() + "_FULL.bak", "CONTOSO\\sqldba", false,
                        BASE_TIME.minusHours(22).toInstant(ZoneOffset.UTC)));
            }
        }
        if (store.holds(LyncDatabase.XDS) && store.holds(LyncDatabase.LIS)) {
            // the running farm's clients get its locations: they were published when they were entered
            try (Connection xds = databases.open(store.ref(), LyncDatabase.XDS.databaseName())) {
                LisPublication.publish(databases, store.ref(), xds);
            }
        }
        return contacts;
    }

    private static Map<String, String> cmsScp(Topology topology) {
        Pool cms = topology.centralManagementPool().orElseThrow();
        return Map.of("sqlServerFqdn", cms.backEnd().fqdn(), "sqlInstanceName", cms.backEnd().instance());
    }

    /** Writes {@code count} files of 1–64 KiB of seeded bytes in a Lync-like tree, with fixed modification times. */
    private void files(FileStore store, int count) throws IOException {
        Random r = data.random("filestore:" + store.name());
        Path root = store.mountPath();
        long baseSeconds = BASE_TIME.toEpochSecond(ZoneOffset.UTC);
        int meetings = Math.max(3, count / 10);
        List<String> meetingFolders = new ArrayList<>();
        for (int i = 0; i < meetings; i++) {
            meetingFolders.add(String.format("%08x", r.nextInt()) + "-" + String.format("%04x", i));
        }
        String[] collabFiles = {"slides.pptx", "handout.pdf", "whiteboard.dat", "poll.xml", "notes.one"};
        String[] devicePaths = {"UCPhone/Polycom/CX600/ENU/4.0.7577.4455/CPE", "UCPhone/Aastra/6725ip/ENU/4.0.7577.4455/CPE",
            "UCPhone/Polycom/CX3000/ENU/4.0.7577.4455/CPE", "Tanjay/Microsoft/LX/ENU/4.0.7577.4455/CPE"};
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(100);
            String relative;
            if (kind < 55) {
                relative = "1-WebServices-1/CollabContent/" + meetingFolders.get(r.nextInt(meetings)) + "/" + (1 + r.nextInt(4))
                        + "/" + i + "-" + collabFiles[r.nextInt(collabFiles.length)];
            } else if (kind < 70) {
                relative = "1-ApplicationServer-1/AppServerFiles/RGS/" + String.format("%08x", r.nextInt())
                        + "/prompt-" + i + ".wav";
            } else if (kind < 75) {
                relative = "1-ApplicationServer-1/AppServerFiles/CPS/music-on-hold-" + i + ".wma";
            } else if (kind < 80) {
                relative = "1-ApplicationServer-1/AppServerFiles/RGS/AS/announcement-" + i + ".wav";
            } else {
                relative = "1-WebServices-1/DeviceUpdateStore/" + devicePaths[r.nextInt(devicePaths.length)]
                        + "/CPE-" + i + ".nbt";
            }
            int size = 1024 + r.nextInt(63 * 1024 + 1);
            r.nextBytes(buffer);
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(buffer, 0, size);
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis((baseSeconds - r.nextInt(90 * 24 * 3600)) * 1000L));
        }
        for (int i = 0; i < Math.min(3, meetings); i++) {
            Path active = root.resolve("1-WebServices-1/CollabContent/" + meetingFolders.get(i) + "/Meeting.Active");
            Files.createDirectories(active.getParent());
            Files.writeString(active, "active since " + BASE_TIME.minusMinutes(10 + i) + "\r\n");
            Files.setLastModifiedTime(active, FileTime.fromMillis((baseSeconds - 600L * (i + 1)) * 1000L));
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setLastModifiedTime(dir, FileTime.fromMillis(baseSeconds * 1000L));
            }
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(path);
    }
}
