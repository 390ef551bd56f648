package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The backup cycle end to end on the lab farm: the real engine with its job executor, the real item worker, the
 * lab's Management Shell and SQL Server, real files and real hashing.
 */
@LabApplicationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupCycleIT {

    static final Path WORK = LabWork.folder(BackupCycleIT.class);

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    @Test
    @Order(1)
    void writesAVerifiedSetWithEveryItemAndMovesCurrent() throws Exception {
        String setId = runBackup();
        Path set = WORK.resolve("backups").resolve(setId);

        assertThat(WORK.resolve("backups/CURRENT")).hasContent(setId);
        assertThat(set.resolve("manifest.json")).isRegularFile();
        assertThat(set.resolve(".run")).doesNotExist();
        assertThat(set.resolve("cms/CsConfiguration.zip")).isRegularFile();
        assertThat(set.resolve("cms/LisConfiguration.zip")).isRegularFile();
        assertThat(set.resolve("userdata/pool01.lab.contoso.local.zip")).isRegularFile();
        assertThat(set.resolve("userdata/se01.lab.contoso.local.zip")).isRegularFile();
        assertThat(set.resolve("rgs/pool01.lab.contoso.local.zip")).isRegularFile();
        assertThat(set.resolve("persistentchat/pchat01.lab.contoso.local.zip")).isRegularFile();
        for (String db : List.of("LcsLog", "LcsCDR", "QoEMetrics")) {
            assertThat(set.resolve("sql/mon01.lab.contoso.local_archmon/" + db + ".bak")).isRegularFile();
        }
        assertThat(set.resolve("filestore/lab-fs01")).isDirectory();
        assertThat(set.resolve("filestore/lab-fs02")).isDirectory();
        try (Stream<Path> orchestrator = Files.list(set.resolve("orchestrator"))) {
            assertThat(orchestrator.map(p -> p.getFileName().toString())).as("the engine database, the topology file "
                    + "and the configuration a new node needs").containsExactlyInAnyOrder("engine-h2-script.zip",
                    "topology.yaml", "configuration.properties");
        }
        assertThat(Files.readAllBytes(set.resolve("orchestrator/topology.yaml"))).as("the topology file as the run used it")
                .isEqualTo(Files.readAllBytes(WORK.resolve("lab/topology.yaml")));
        assertThat(sha256(set.resolve("orchestrator/topology.yaml")))
                .isEqualTo(ManifestReader.header(set.resolve("manifest.json")).topologySha256());
        java.util.Properties configuration = new java.util.Properties();
        try (var in = Files.newInputStream(set.resolve("orchestrator/configuration.properties"))) {
            configuration.load(in);
        }
        assertThat(configuration.getProperty("lync.backup.root")).isEqualTo(WORK.resolve("backups").toString());
        assertThat(configuration.getProperty("spring.datasource.url")).startsWith("jdbc:h2:mem:");
        assertThat(configuration.getProperty("spring.profiles.active")).contains("lab");
        assertThat(configuration.stringPropertyNames()).noneMatch(key -> key.contains("password"))
                .noneMatch(key -> key.startsWith("lync.bootstrap"));
        assertManifestMatchesTheFiles(set, setId);
    }

    @Test
    @Order(2)
    void aSecondRunMakesASecondSetAndMovesCurrent() throws Exception {
        Set<String> before = sets();
        String setId = runBackup();

        assertThat(sets()).hasSize(before.size() + 1).containsAll(before).contains(setId);
        assertThat(WORK.resolve("backups/CURRENT")).hasContent(setId);
        assertManifestMatchesTheFiles(WORK.resolve("backups").resolve(setId), setId);
    }

    private String runBackup() {
        ProcessInstance pi = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getEndTime() != null
                        || !runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).list().isEmpty()
                        && historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                        .activityId(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP).count() > 0);
        HistoricProcessInstance done = historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count())
                .as("run ended published; failure summary: %s", historyService.createHistoricVariableInstanceQuery()
                        .processInstanceId(pi.getId()).variableName(BackupVariables.FAILURE_SUMMARY).list())
                .isEqualTo(1);
        return done.getBusinessKey();
    }

    private static Set<String> sets() throws IOException {
        try (Stream<Path> entries = Files.list(WORK.resolve("backups"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{8}T\\d{6}Z(-\\d+)?"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Every file in the set is in the manifest with its real size and SHA-256, and nothing else is there. */
    static void assertManifestMatchesTheFiles(Path set, String setId) throws Exception {
        List<Manifest.File> files = new ArrayList<>();
        List<String> items = new ArrayList<>();
        List<Manifest.Excluded> excluded = new ArrayList<>();
        Manifest.Header[] header = new Manifest.Header[1];
        ManifestReader.read(set.resolve("manifest.json"), new ManifestReader.Visitor() {
            @Override
            public void header(Manifest.Header h) {
                header[0] = h;
            }

            @Override
            public void file(String itemId, Manifest.File f) {
                files.add(f);
            }

            @Override
            public void item(Manifest.Item item) {
                items.add(item.kind());
            }

            @Override
            public void excluded(Manifest.Excluded e) {
                excluded.add(e);
            }
        });
        assertThat(header[0].setId()).isEqualTo(setId);
        assertThat(header[0].completedAt()).isAfterOrEqualTo(header[0].startedAt());
        assertThat(items).contains("cs-configuration", "cs-lis-configuration", "cs-user-data", "cs-rgs-configuration",
                "cs-persistent-chat-data", "sqlserver-database", "file-store", "orchestrator-database");
        assertThat(excluded).extracting(Manifest.Excluded::name).contains("rtcdyn", "rtcab", "cpsdyn", "rgsdyn", "mgccomp");
        assertThat(excluded).allSatisfy(e -> assertThat(e.reason()).isNotBlank());

        Set<String> onDisk;
        try (Stream<Path> walk = Files.walk(set)) {
            onDisk = walk.filter(Files::isRegularFile).map(p -> set.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("manifest.json")).collect(Collectors.toSet());
        }
        assertThat(files).extracting(Manifest.File::path).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(onDisk).noneMatch(p -> p.toLowerCase().endsWith("meeting.active"));
        for (Manifest.File f : files) {
            Path file = set.resolve(f.path());
            assertThat(Files.size(file)).as(f.path()).isEqualTo(f.size());
            assertThat(sha256(file)).as(f.path()).isEqualTo(f.sha256());
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    }
}
