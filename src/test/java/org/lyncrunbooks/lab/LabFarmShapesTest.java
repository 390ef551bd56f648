package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;

/** The lab farm's shapes: the same generator builds each from its topology template. */
class LabFarmShapesTest {

    @TempDir
    Path dir;

    @Test
    void theSeCmsShapePutsTheCentralManagementStoreOnTheStandardEditionServer() {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"), FarmShape.SE_CMS);

        Topology topology = farm.topology();
        assertThat(topology.centralManagementPool()).map(Pool::fqdn).contains(LabFixtures.SE);
        assertThat(farm.centralManagementStoreLocation()).contains(LabFixtures.SE_SQL);
        assertThat(farm.tables(LabFixtures.SE_SQL, "xds").get("topology_document")).hasSize(1);
        assertThat(farm.databases().exists(LabFixtures.BE, "xds")).isFalse();
        assertThat(farm.databases().exists(LabFixtures.SE_SQL, "lis")).isTrue();
    }

    @Test
    void theMultiRoleShapeGivesTwoServersTwoPartsEach() {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"), FarmShape.MULTI_ROLE);

        assertThat(farm.serverState("pc01.lab.contoso.local").roles()).containsExactly("PersistentChat", "FileServer");
        assertThat(farm.serverState("mon01.lab.contoso.local").roles()).containsExactly("SqlServer");
        assertThat(farm.topology().sqlStores()).extracting(s -> s.ref().display())
                .contains("mon01.lab.contoso.local\\archmon", "mon01.lab.contoso.local\\pchat")
                .doesNotContain("pcsql01.lab.contoso.local\\pchat");
        assertThat(farm.tables(new SqlStoreRef("mon01.lab.contoso.local", "pchat"), "mgc").get("chat_messages")).isNotEmpty();
        assertThat(farm.topology().fileStore("lab-fs01").orElseThrow().serverFqdn()).isEqualTo("pc01.lab.contoso.local");
    }

    @Test
    void anUnknownShapeIsRefusedWithTheShapesThereAre() {
        assertThatThrownBy(() -> FarmShape.of("two-sites"))
                .hasMessage("lync.lab.shape 'two-sites' is not a lab farm shape; expected one of default, se-cms, multi-role, paired-pools, mirrored-back-end");
        assertThat(FarmShape.of(" SE-CMS ")).isEqualTo(FarmShape.SE_CMS);
        assertThat(FarmShape.of(null)).isEqualTo(FarmShape.DEFAULT);
    }
}
