package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.BackupPlanner;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyReader;

class LabFarmGenerationTest {

    @TempDir
    Path dir;

    @Test
    void generatesATopologyThatTheTopologyReaderAccepts() {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));

        Topology topology = TopologyReader.read(farm.topologyFile());

        assertThat(topology.pools().map(Pool::fqdn)).containsExactly("pool01.lab.contoso.local",
                "se01.lab.contoso.local", "edge01.lab.contoso.local", "pchat01.lab.contoso.local");
        Pool pool01 = topology.pool("pool01.lab.contoso.local").orElseThrow();
        assertThat(pool01.kind()).isEqualTo(PoolKind.ENTERPRISE);
        assertThat(pool01.servers()).containsExactly("fe01.lab.contoso.local", "fe02.lab.contoso.local");
        assertThat(pool01.hostsCentralManagementStore()).isTrue();
        assertThat(pool01.responseGroup()).isTrue();
        assertThat(pool01.backEnd().display()).isEqualTo("be01.lab.contoso.local\\rtc");
        assertThat(topology.pool("pchat01.lab.contoso.local").orElseThrow().persistentChatStore().display())
                .isEqualTo("pcsql01.lab.contoso.local\\pchat");
        assertThat(topology.sqlStores()).extracting(s -> s.ref().display()).containsExactly(
                "be01.lab.contoso.local\\rtc", "se01.lab.contoso.local\\rtc", "mon01.lab.contoso.local\\archmon",
                "pcsql01.lab.contoso.local\\pchat");
        assertThat(topology.sqlStore(LabFixtures.SE_SQL).orElseThrow().collocated()).isTrue();
        assertThat(topology.fileStores()).extracting(f -> f.unc()).containsExactly(
                "\\\\fs01.lab.contoso.local\\lyncshare", "\\\\se01.lab.contoso.local\\lyncshare");
        assertThat(topology.fileStores()).allSatisfy(f -> {
            assertThat(f.mountPath()).isAbsolute().isDirectory();
            assertThat(f.mountPath().startsWith(farm.directory().toRealPath())).isTrue();
        });
        assertThat(BackupPlanner.plan(topology).items()).extracting(BackupItem::itemId).contains("cms:configuration",
                "cms:lis", "userdata:pool01.lab.contoso.local", "userdata:se01.lab.contoso.local",
                "rgs:pool01.lab.contoso.local", "persistentchat:pchat01.lab.contoso.local",
                "sql:mon01.lab.contoso.local_archmon:LcsCDR", "filestore:lab-fs02");
    }

    @Test
    void writesTheFarmLayout() throws IOException {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));
        Path root = farm.directory();

        assertThat(Files.readString(root.resolve("ad/cms-scp.json"))).contains("be01.lab.contoso.local").contains("rtc");
        assertThat(Files.readString(root.resolve("ad/rgs-contacts.json"))).contains("sip:rgs-helpdesk@lab.contoso.local");
        assertThat(root.resolve("servers/fe01.lab.contoso.local/server.json")).isRegularFile();
        assertThat(Files.readString(root.resolve("sql/be01.lab.contoso.local_rtc/instance.json"))).contains("11.0.7001.0");
        Topology topology = farm.topology();
        for (SqlStore store : topology.sqlStores()) {
            for (LyncDatabase db : store.databases()) {
                assertThat(root.resolve("sql").resolve(store.ref().folderName()).resolve(db.databaseName() + ".mv.db"))
                        .isRegularFile();
                assertThat(farm.tables(store.ref(), db.databaseName()).get("principals")).as(db.databaseName())
                        .isEqualTo(db.grantsServerRole()
                                ? List.of(Map.of("name", "CONTOSO\\RTCComponentUniversalServices", "role", "ServerRole"))
                                : List.of());
            }
        }
        try (Stream<Path> files = Files.walk(topology.fileStore("lab-fs01").orElseThrow().mountPath())) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all.stream().filter(p -> p.getFileName().toString().equals("Meeting.Active"))).isNotEmpty();
            assertThat(all.stream().filter(p -> p.toString().contains("1-WebServices-1/CollabContent/"))).isNotEmpty();
            assertThat(all.stream().filter(p -> p.toString().contains("AppServerFiles/RGS/"))).isNotEmpty();
            assertThat(all.stream().filter(p -> !p.getFileName().toString().equals("Meeting.Active"))).hasSize(24)
                    .allSatisfy(p -> assertThat(Files.size(p)).isBetween(1024L, 65536L));
        }
        assertThat(farm.tables(LabFixtures.BE, "rtcxds").get("users")).hasSize(12)
                .allSatisfy(u -> assertThat(u.get("registrar_pool")).isEqualTo("pool01.lab.contoso.local"));
        assertThat(farm.tables(LabFixtures.SE_SQL, "rtcxds").get("users")).hasSize(12);
        assertThat(farm.tables(LabFixtures.BE, "xds").get("topology_state"))
                .containsExactly(Map.of("id", 1, "enabled", true, "enabled_version", 1));
        assertThat(farm.fileStoreAclsSet("lab-fs01")).isTrue();
        assertThat(farm.resolves("fe01.lab.contoso.local")).isTrue();
        assertThat(farm.serverState("fe01.lab.contoso.local").runningServices()).contains("RTCSRV");
    }

    @Test
    void sameSeedGivesTheSameFilesAndRows() throws Exception {
        LabFarm first = LabFixtures.farm(dir.resolve("a"));
        LabFarm second = LabFixtures.farm(dir.resolve("b"));
        LabFarm other = new LabFarm(new LabProperties(dir.resolve("c"), 8, 12, 24, Duration.ZERO));

        assertThat(fileHashes(second, "lab-fs01")).isEqualTo(fileHashes(first, "lab-fs01")).isNotEmpty();
        assertThat(modificationTimes(second, "lab-fs02")).isEqualTo(modificationTimes(first, "lab-fs02"));
        for (String db : List.of("rtcxds", "rgsconfig", "xds", "lis")) {
            assertThat(second.tables(LabFixtures.BE, db)).isEqualTo(first.tables(LabFixtures.BE, db));
        }
        assertThat(second.tables(LabFixtures.MON, "LcsCDR")).isEqualTo(first.tables(LabFixtures.MON, "LcsCDR"));
        assertThat(second.tables(LabFixtures.PCHAT, "mgc")).isEqualTo(first.tables(LabFixtures.PCHAT, "mgc"));

        assertThat(fileHashes(other, "lab-fs01")).isNotEqualTo(fileHashes(first, "lab-fs01"));
        assertThat(other.tables(LabFixtures.BE, "rtcxds")).isNotEqualTo(first.tables(LabFixtures.BE, "rtcxds"));
    }

    @Test
    void generatesTheDefaultSizeFarmInAFewSeconds() {
        long started = System.nanoTime();
        LabFarm farm = new LabFarm(new LabProperties(dir.resolve("default"), 0, 0, 0, null));
        farm.topology();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(farm.tables(LabFixtures.BE, "rtcxds").get("users")).hasSize(150);
        assertThat(farm.tables(LabFixtures.MON, "LcsLog").get("messages")).hasSize(2000);
        assertThat(farm.tables(LabFixtures.MON, "LcsCDR").get("session_details")).hasSize(3000);
        assertThat(farm.tables(LabFixtures.MON, "QoEMetrics").get("session_quality")).hasSize(2000);
        assertThat(farm.tables(LabFixtures.PCHAT, "mgc").get("chat_messages")).hasSize(500);
    }

    @Test
    void generatesOnceWhenManyThreadsAskForTheTopologyAtOnce() throws Exception {
        LabFarm farm = new LabFarm(LabFixtures.small(dir.resolve("farm")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = pool.invokeAll(java.util.Collections.nCopies(6, (Callable<Path>) farm::topologyFile));
            for (Future<Path> result : results) {
                assertThat(result.get()).isEqualTo(farm.directory().resolve("topology.yaml"));
            }
        } finally {
            pool.shutdownNow();
        }
        Path marker = farm.directory().resolve("sql/be01.lab.contoso.local_rtc/xds.mv.db");
        long before = Files.getLastModifiedTime(marker).toMillis();
        LabFarm again = new LabFarm(LabFixtures.small(dir.resolve("farm")));
        again.topologyFile();
        assertThat(Files.getLastModifiedTime(marker).toMillis()).isEqualTo(before);
        assertThat(TopologyReader.read(again.topologyFile()).pools()).hasSize(4);
    }

    private static Map<String, String> fileHashes(LabFarm farm, String store) throws Exception {
        Path root = farm.topology().fileStore(store).orElseThrow().mountPath();
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(file).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }

    private static Map<String, Long> modificationTimes(LabFarm farm, String store) throws IOException {
        Path root = farm.topology().fileStore(store).orElseThrow().mountPath();
        Map<String, Long> times = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                times.put(root.relativize(file).toString(), Files.getLastModifiedTime(file).toMillis());
            }
        }
        return times;
    }
}
