package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.lab.ExportZip.asText;
import static org.lyncrunbooks.lab.ExportZip.sorted;
import static org.lyncrunbooks.lab.LabFixtures.BE;
import static org.lyncrunbooks.lab.LabFixtures.PCHAT;
import static org.lyncrunbooks.lab.LabFixtures.POOL;
import static org.lyncrunbooks.lab.LabFixtures.SE;
import static org.lyncrunbooks.lab.LabFixtures.SE_SQL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;
import org.lyncrunbooks.topology.SqlStoreRef;

class LabShellExportTest {

    @TempDir
    static Path shared;

    @TempDir
    Path out;

    private static LabFarm farm;
    private static LabShell shell;

    @BeforeAll
    static void farm() {
        farm = LabFixtures.farm(shared.resolve("farm"));
        shell = new LabShell(farm);
    }

    @Test
    void exportCsConfigurationWritesTheTopologyPoliciesAndSettingsOfXds() throws Exception {
        Path file = out.resolve("CsConfiguration.zip");

        LabFixtures.runOk(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));

        ExportZip zip = new ExportZip(file);
        assertThat(zip.entries).containsExactly("DocItemSet.xml", "MetaData.xml");
        assertThat(zip.metaData.getAttribute("Kind")).isEqualTo("CsConfiguration");
        assertMatches(zip, BE, "xds", List.of("topology_document", "policies", "settings"));
        assertThat(zip.tables.get("xds.topology_document").get(0).get("document"))
                .contains("Fqdn=\"pool01.lab.contoso.local\" IsSingleMachineOnly=\"false\"");
    }

    @Test
    void exportCsLisConfigurationWritesTheLocationDatabase() throws Exception {
        Path file = out.resolve("Lis.zip");

        LabFixtures.runOk(shell, Cmdlet.of("Export-CsLisConfiguration").with("FileName", file.toString()));

        ExportZip zip = new ExportZip(file);
        assertThat(zip.metaData.getAttribute("Kind")).isEqualTo("CsLisConfiguration");
        assertMatches(zip, BE, "lis", List.of("locations", "subnets", "wireless_access_points"));
        assertThat(zip.tables.get("lis.locations")).hasSize(20);
    }

    @Test
    void exportCsUserDataWritesThePoolsUsersAndConferenceDirectories() throws Exception {
        Path pool01 = out.resolve("pool01.zip");
        Path se01 = out.resolve("se01.zip");

        LabFixtures.runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", pool01.toString()));
        LabFixtures.runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", SE).with("FileName", se01.toString()));

        ExportZip zip = new ExportZip(pool01);
        assertThat(zip.entries).containsExactly("DocItemSet.xml", "MetaData.xml");
        assertThat(zip.metaData.getAttribute("Scope")).isEqualTo(POOL);
        assertMatches(zip, BE, "rtcxds", List.of("users", "contacts", "contact_groups", "permissions", "conferences"));
        assertMatches(zip, BE, "rtcshared", List.of("conference_directories"));
        assertThat(zip.tables.get("rtcxds.users")).hasSize(12);
        assertMatches(new ExportZip(se01), SE_SQL, "rtcxds", List.of("users", "contacts"));
    }

    @Test
    void exportCsRgsConfigurationWritesTheWorkflowsQueuesAndGroupsOfThePool() throws Exception {
        Path file = out.resolve("rgs.zip");

        LabFixtures.runOk(shell, Cmdlet.of("Export-CsRgsConfiguration").with("Source", "service:ApplicationServer:" + POOL)
                .with("FileName", file.toString()));
        Path withoutPrefix = out.resolve("rgs2.zip");
        LabFixtures.runOk(shell, Cmdlet.of("Export-CsRgsConfiguration").with("Source", "ApplicationServer:" + POOL)
                .with("FileName", withoutPrefix.toString()));

        ExportZip zip = new ExportZip(file);
        assertMatches(zip, BE, "rgsconfig", List.of("workflows", "queues", "agent_groups", "agent_group_members",
                "holiday_sets", "holidays", "business_hours", "service_settings", "queue_agent_groups"));
        assertThat(zip.tables.get("rgsconfig.workflows")).hasSize(6)
                .allSatisfy(w -> assertThat(w.get("owner")).isEqualTo("service:ApplicationServer:" + POOL));
        assertThat(new ExportZip(withoutPrefix).tables).isEqualTo(zip.tables);
    }

    @Test
    void exportCsPersistentChatDataWritesTheMgcDatabase() throws Exception {
        Path file = out.resolve("pchat.zip");

        LabFixtures.runOk(shell, Cmdlet.of("Export-CsPersistentChatData").with("DBInstance", PCHAT.display())
                .with("FileName", file.toString()));

        ExportZip zip = new ExportZip(file);
        assertMatches(zip, PCHAT, "mgc", List.of("categories", "rooms", "room_members", "chat_messages"));
    }

    @Test
    void exportCsUserDataRefusesAPoolThatHomesNoUsers() {
        ShellOutput edge = LabFixtures.run(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", "edge01.lab.contoso.local")
                .with("FileName", out.resolve("x.zip").toString()));
        ShellOutput unknown = LabFixtures.run(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", "nope.lab.contoso.local")
                .with("FileName", out.resolve("x.zip").toString()));

        assertThat(edge.exitCode()).isEqualTo(1);
        assertThat(edge.stderr()).startsWith("Export-CsUserData : Pool 'edge01.lab.contoso.local' is not a Front End pool");
        assertThat(unknown.stderr()).contains("Registrar pools: pool01.lab.contoso.local, se01.lab.contoso.local");
        assertThat(out.resolve("x.zip")).doesNotExist();
    }

    @Test
    void exportCsRgsConfigurationRefusesAPoolWithoutResponseGroup() {
        ShellOutput output = LabFixtures.run(shell, Cmdlet.of("Export-CsRgsConfiguration")
                .with("Source", "service:ApplicationServer:" + SE).with("FileName", out.resolve("x.zip").toString()));

        assertThat(output.stderr()).contains("No Response Group service 'service:ApplicationServer:se01.lab.contoso.local'");
    }

    @Test
    void exportsIntoAFolderThatDoesNotExistFailLikeWindows() {
        Path file = out.resolve("missing").resolve("cfg.zip");

        ShellOutput output = LabFixtures.run(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));

        assertThat(output.stderr()).startsWith("Export-CsConfiguration : Could not find a part of the path");
    }

    private static void assertMatches(ExportZip zip, SqlStoreRef store, String database, List<String> tables) {
        Map<String, List<Map<String, Object>>> rows = farm.tables(store, database);
        for (String table : tables) {
            List<Map<String, String>> expected = asText(rows.get(table));
            assertThat(sorted(zip.tables.get(database + "." + table))).as(table).isEqualTo(sorted(expected));
            assertThat(zip.metaRows(database + "." + table)).as(table).isEqualTo(expected.size());
        }
    }
}
