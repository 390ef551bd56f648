package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.recovery.RecoveryLab.BE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.CHAT_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.EDGE;
import static org.lyncrunbooks.recovery.RecoveryLab.FE1;
import static org.lyncrunbooks.recovery.RecoveryLab.FILE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.MON_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.SE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.topology.RecoveryProcedure;

/** The start of a recovery: which server, which set, and whether the set holds what the procedure restores. */
class RecoveryAssessmentTest {

    @TempDir
    static Path dir;

    private static RecoveryLab lab;
    private static String setId;

    @BeforeAll
    static void backup() {
        lab = RecoveryLab.withBackup(dir);
        setId = lab.currentSet();
    }

    @Test
    void takesTheSetCurrentNamesWhenNoneIsGivenWithItsCompletionTimeFromTheManifest() {
        RecoveryService.Assessment assessment = lab.service().assess(BE_SERVER, "  ");

        Manifest.Header header = ManifestReader.header(lab.setDirectory(setId).resolve(Manifest.FILE_NAME));
        assertThat(assessment.setId()).isEqualTo(setId);
        assertThat(assessment.setCompletedAt()).isEqualTo(header.completedAt()).isNotNull();
        assertThat(assessment.setServerPath()).isEqualTo(lab.root.toAbsolutePath().normalize() + "/" + setId);
        assertThat(assessment.plan().procedure()).isEqualTo(RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST);
        assertThat(assessment.plan().failedServerFqdn()).isEqualTo(BE_SERVER);
    }

    @Test
    void theDataLossWindowStartsWithTheOldestBackupOfTheItemsRestoredNotTheSetsCompletion() {
        RecoveryService.Assessment assessment = lab.service().assess(BE_SERVER, "");

        java.util.Map<String, Manifest.Item> items = new java.util.HashMap<>();
        ManifestReader.read(lab.setDirectory(setId).resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
            @Override
            public void item(Manifest.Item item) {
                items.put(item.itemId(), item);
            }
        });
        java.util.List<String> restored = java.util.List.of("cms:configuration", "cms:lis", "userdata:pool01.lab.contoso.local",
                "rgs:pool01.lab.contoso.local");
        java.time.Instant oldest = restored.stream().map(id -> items.get(id).startedAt()).min(java.util.Comparator.naturalOrder())
                .orElseThrow();

        assertThat(assessment.itemTimes()).extracting(RecoveryService.ItemTime::itemId)
                .containsExactlyInAnyOrderElementsOf(restored);
        assertThat(assessment.itemTimes()).extracting(RecoveryService.ItemTime::startedAt).isSorted();
        assertThat(assessment.dataLossFrom()).isEqualTo(oldest).isBefore(assessment.setCompletedAt());
        assertThat(RecoveryVariables.itemTimes(assessment)).startsWith(assessment.itemTimes().get(0).path()
                + ": backed up from " + oldest);
    }

    @Test
    void acceptsAnExplicitSetAndTheServerNameInAnyCaseAndWithSpaces() {
        RecoveryService.Assessment assessment = lab.service().assess("  SE01.Lab.Contoso.Local ", " " + setId + " ");

        assertThat(assessment.setId()).isEqualTo(setId);
        assertThat(assessment.plan().failedServerFqdn()).isEqualTo(SE);
        assertThat(assessment.plan().procedure()).isEqualTo(RecoveryProcedure.STANDARD_EDITION);
    }

    @Test
    void choosesTheProcedureOfEveryKindOfServerInTheLab() {
        RecoveryService service = lab.service();

        assertThat(Stream.of(FE1, EDGE, FILE_SERVER, MON_SERVER, CHAT_SERVER)
                .map(server -> server + "=" + service.assess(server, setId).plan().procedure().code()))
                .containsExactly(FE1 + "=R8", EDGE + "=R8", FILE_SERVER + "=R10", MON_SERVER + "=R11",
                        CHAT_SERVER + "=R12");
    }

    @Test
    void refusesAServerTheTopologyDoesNotKnowAndListsTheOnesItKnows() {
        assertThatThrownBy(() -> lab.service().assess("fe09.lab.contoso.local", setId))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessageStartingWith("'fe09.lab.contoso.local' is not a server of the topology; known servers: ")
                .hasMessageContaining(BE_SERVER).hasMessageContaining(FE1).hasMessageContaining(MON_SERVER)
                .hasMessageContaining(FILE_SERVER);
        assertThatThrownBy(() -> lab.service().assess(" ", setId))
                .isInstanceOf(RecoveryRefusedException.class).hasMessageStartingWith("no failed server was named");
        assertThatThrownBy(() -> lab.service().assess("fe01\n.lab; DROP", setId))
                .isInstanceOf(RecoveryRefusedException.class).hasMessageStartingWith("'fe01?.lab; DROP' is not a server");
    }

    @Test
    void refusesWhenNoSetWasEverPublished(@TempDir Path empty) {
        RecoveryLab fresh = RecoveryLab.withoutBackup(empty);

        assertThatThrownBy(() -> fresh.service().assess(BE_SERVER, ""))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessage("CURRENT is missing on " + fresh.root.toAbsolutePath().normalize()
                        + ", so no backup set is the current one. There is no published set either: run a backup first.");
        assertThat(fresh.root).doesNotExist();
    }

    @Test
    void aMissingCurrentIsRefusedWithThePublishedSetsToChooseFrom(@TempDir Path dir) throws Exception {
        RecoveryLab own = RecoveryLab.withBackup(dir);
        String older = own.currentSet();
        String newer = own.takeBackup();
        java.nio.file.Files.delete(own.root.resolve("CURRENT"));

        assertThatThrownBy(() -> own.service().assess(BE_SERVER, ""))
                .isInstanceOf(RecoveryRefusedException.class)
                .satisfies(e -> assertThat(((RecoveryRefusedException) e).status())
                        .isEqualTo(org.lyncrunbooks.workflow.RequestRefusedException.Status.CONFLICT))
                .hasMessageContaining("CURRENT is missing on ")
                .hasMessageContaining("Name the set to restore from (the newest first): " + newer + ", " + older);
        assertThat(own.service().assess(BE_SERVER, newer).setId()).isEqualTo(newer);
    }

    @Test
    void refusesASetIdThatIsNotOneOrDoesNotExist() {
        assertThatThrownBy(() -> lab.service().assess(BE_SERVER, "../" + setId))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessageStartingWith("'../" + setId + "' is not a backup set id");
        assertThatThrownBy(() -> lab.service().assess(BE_SERVER, "20200101T000000Z"))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessageStartingWith("no backup set 20200101T000000Z on " + lab.root.toAbsolutePath().normalize()
                        + "; published sets: ")
                .hasMessageContaining(setId);
    }

    @Test
    void refusesASetThatIsStillBeingWrittenOrWasAbandoned() throws IOException {
        Files.createDirectories(lab.root.resolve("20200102T000000Z.partial"));
        Path abandoned = Files.createDirectories(lab.root.resolve("20200103T000000Z.partial"));
        Files.writeString(abandoned.resolve(".abandoned"), "{\"reason\": \"operator gave up\"}");

        assertThatThrownBy(() -> lab.service().assess(BE_SERVER, "20200102T000000Z"))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessageStartingWith("backup set 20200102T000000Z is not published (20200102T000000Z.partial)")
                .hasMessageContaining("never restored from");
        assertThatThrownBy(() -> lab.service().assess(BE_SERVER, "20200103T000000Z"))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessageStartingWith("backup set 20200103T000000Z was abandoned");
    }

    @Test
    void refusesASetThatLacksThePoolsUserDataOrTheServersDatabaseBackups() throws IOException {
        String partial = copyWithout("20200104T000000Z", Set.of("userdata:" + SE, "sql:mon01.lab.contoso.local_archmon:LcsCDR"));

        assertThatThrownBy(() -> lab.service().assess(SE, partial))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessage("backup set " + partial + " lacks what restoring " + SE + " (R3, Standard Edition server " + SE
                        + ") needs: userdata/" + SE + ".zip (Export-CsUserData -PoolFqdn " + SE + ")");
        assertThatThrownBy(() -> lab.service().assess(MON_SERVER, partial))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessageContaining("needs: sql/mon01.lab.contoso.local_archmon/LcsCDR.bak");
        assertThat(lab.service().assess(BE_SERVER, partial).setId()).isEqualTo(partial);
    }

    @Test
    void assessingWritesNothingOnTheShare() throws IOException {
        lab.service().assess(BE_SERVER, setId);

        try (Stream<Path> entries = Files.list(lab.root)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.equals(".recoveries") || name.equals(".verification"));
        }
    }

    /** A published copy of the set under {@code id}, with the given items left out of its manifest and files. */
    private static String copyWithout(String id, Set<String> itemIds) throws IOException {
        Path source = lab.setDirectory(setId);
        Path target = lab.root.resolve(id);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(target.resolve(Manifest.FILE_NAME).toFile());
        manifest.put("setId", id);
        ArrayNode items = (ArrayNode) manifest.get("items");
        for (int i = items.size() - 1; i >= 0; i--) {
            if (itemIds.contains(items.get(i).get("itemId").asText())) {
                for (var file : items.get(i).get("files")) {
                    Files.delete(target.resolve(file.get("path").asText()));
                }
                items.remove(i);
            }
        }
        json.writeValue(target.resolve(Manifest.FILE_NAME).toFile(), manifest);
        return id;
    }
}
