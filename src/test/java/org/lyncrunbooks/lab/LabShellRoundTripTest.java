package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.lab.LabFixtures.BE;
import static org.lyncrunbooks.lab.LabFixtures.FE1;
import static org.lyncrunbooks.lab.LabFixtures.FE2;
import static org.lyncrunbooks.lab.LabFixtures.PCHAT;
import static org.lyncrunbooks.lab.LabFixtures.POOL;
import static org.lyncrunbooks.lab.LabFixtures.SE;
import static org.lyncrunbooks.lab.LabFixtures.SE_SQL;
import static org.lyncrunbooks.lab.LabFixtures.run;
import static org.lyncrunbooks.lab.LabFixtures.runOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;

class LabShellRoundTripTest {

    @TempDir
    Path dir;

    private LabFarm farm;
    private LabShell shell;
    private Path out;

    @BeforeEach
    void farm() throws Exception {
        farm = LabFixtures.farm(dir.resolve("farm"));
        shell = new LabShell(farm);
        out = Files.createDirectories(dir.resolve("backup"));
    }

    @Test
    void userDataExportedThenWipedThenImportedIsIdentical() {
        Map<String, List<Map<String, Object>>> rtcxds = farm.tables(BE, "rtcxds");
        Map<String, List<Map<String, Object>>> rtcshared = farm.tables(BE, "rtcshared");
        Path file = out.resolve("pool01.zip");
        runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", file.toString()));

        runOk(shell, Cmdlet.of("Install-CsDatabase").with("DatabaseType", "User").with("SqlServerFqdn", BE.fqdn())
                .with("SqlInstanceName", BE.instance()).withSwitch("Clean"));
        assertThat(farm.tables(BE, "rtcxds").get("users")).isEmpty();
        runOk(shell, Cmdlet.of("Stop-CsWindowsService").with("ComputerName", FE1));
        runOk(shell, Cmdlet.of("Stop-CsWindowsService").with("ComputerName", FE2));
        ShellOutput imported = runOk(shell, Cmdlet.of("Import-CsUserData").with("PoolFqdn", POOL).with("FileName", file.toString()));
        // in the reverse order of the stops: the Front End that stopped last may start a two-server pool alone
        runOk(shell, Cmdlet.of("Start-CsWindowsService").with("ComputerName", FE2));
        runOk(shell, Cmdlet.of("Start-CsWindowsService").with("ComputerName", FE1));

        assertThat(imported.stdout()).contains("12 users");
        assertThat(farm.tables(BE, "rtcxds")).isEqualTo(rtcxds);
        assertThat(farm.tables(BE, "rtcshared")).isEqualTo(rtcshared);
        assertThat(farm.serverState(FE1).runningServices()).contains("RTCSRV");
    }

    @Test
    void userDataImportReplacesChangedRowsOfAStandardEditionServer() throws Exception {
        Map<String, List<Map<String, Object>>> before = farm.tables(SE_SQL, "rtcxds");
        Path file = out.resolve("se01.zip");
        runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", SE).with("FileName", file.toString()));
        try (Connection c = farm.databases().open(SE_SQL, "rtcxds"); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM contacts");
            s.executeUpdate("UPDATE users SET display_name = 'Changed'");
        }
        runOk(shell, Cmdlet.of("Stop-CsWindowsService").with("ComputerName", SE));

        runOk(shell, Cmdlet.of("Import-CsUserData").with("PoolFqdn", SE).with("FileName", file.toString()));

        assertThat(farm.tables(SE_SQL, "rtcxds")).isEqualTo(before);
    }

    @Test
    void configurationRestoredOntoARebuiltCmsInstanceIsIdentical() {
        Map<String, List<Map<String, Object>>> xds = new java.util.TreeMap<>(farm.tables(BE, "xds"));
        Path file = out.resolve("CsConfiguration.zip");
        runOk(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));

        farm.destroySqlInstance(BE);
        farm.installSqlServer(BE, "11.0.7001.0");
        runOk(shell, Cmdlet.of("Install-CsDatabase").withSwitch("CentralManagementDatabase").withSwitch("Clean")
                .with("SqlServerFqdn", BE.fqdn()).with("SqlInstanceName", BE.instance()));
        runOk(shell, Cmdlet.of("Set-CsConfigurationStoreLocation").with("SqlServerFqdn", BE.fqdn())
                .with("SqlInstanceName", BE.instance()));
        runOk(shell, Cmdlet.of("Import-CsConfiguration").with("FileName", file.toString()));
        assertThat(farm.tables(BE, "xds").get("topology_state")).isEmpty();
        runOk(shell, Cmdlet.of("Enable-CsTopology"));

        Map<String, List<Map<String, Object>>> restored = new java.util.TreeMap<>(farm.tables(BE, "xds"));
        assertThat(restored.remove("lis_publication")).as("no locations are published until Publish-CsLisConfiguration")
                .isEmpty();
        xds.remove("lis_publication");
        assertThat(restored).isEqualTo(xds);
        assertThat(farm.centralManagementStoreLocation()).contains(BE);
        assertThat(farm.lisPublished()).isFalse();
    }

    @Test
    void lisImportReinsertsRemovedRecordsAndKeepsNewerOnes() throws Exception {
        Map<String, List<Map<String, Object>>> lis = farm.tables(BE, "lis");
        Path file = out.resolve("Lis.zip");
        runOk(shell, Cmdlet.of("Export-CsLisConfiguration").with("FileName", file.toString()));
        try (Connection c = farm.databases().open(BE, "lis"); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM subnets WHERE subnet LIKE '10.1.%'");
            s.executeUpdate("DELETE FROM locations WHERE location_id = 3");
            s.executeUpdate("UPDATE locations SET city = 'Tacoma' WHERE location_id = 4");
            s.executeUpdate("INSERT INTO subnets VALUES ('192.168.7.0', 4, 'added after the backup')");
        }

        runOk(shell, Cmdlet.of("Import-CsLisConfiguration").with("FileName", file.toString()));

        Map<String, List<Map<String, Object>>> after = farm.tables(BE, "lis");
        assertThat(after.get("subnets")).containsAll(lis.get("subnets"))
                .contains(Map.of("subnet", "192.168.7.0", "location_id", 4, "description", "added after the backup"))
                .hasSize(lis.get("subnets").size() + 1);
        assertThat(after.get("locations")).containsAll(lis.get("locations").stream()
                .filter(l -> !l.get("location_id").equals(4)).toList());
        assertThat(after.get("locations")).filteredOn(l -> l.get("location_id").equals(4))
                .singleElement().satisfies(l -> assertThat(l.get("city")).isEqualTo("Tacoma"));
        assertThat(after.get("wireless_access_points")).isEqualTo(lis.get("wireless_access_points"));
        assertThat(farm.lisPublished()).as("imported, not yet published").isFalse();
        runOk(shell, Cmdlet.of("Publish-CsLisConfiguration"));
        assertThat(farm.lisPublished()).isTrue();

        try (Connection c = farm.databases().open(BE, "lis"); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM subnets");
            s.executeUpdate("DELETE FROM locations");
            s.executeUpdate("DELETE FROM wireless_access_points");
        }
        runOk(shell, Cmdlet.of("Import-CsLisConfiguration").with("FileName", file.toString()));
        assertThat(farm.tables(BE, "lis")).isEqualTo(lis);
    }

    @Test
    void responseGroupRestoredIntoARedeployedPoolNeedsOverwriteOwner() throws Exception {
        Map<String, List<Map<String, Object>>> rgs = farm.tables(BE, "rgsconfig");
        Path file = out.resolve("rgs.zip");
        runOk(shell, Cmdlet.of("Export-CsRgsConfiguration").with("Source", "service:ApplicationServer:" + POOL)
                .with("FileName", file.toString()));
        String oldOwner = farm.serverState(FE1).serviceInstanceId();

        for (String fe : List.of(FE1, FE2)) {
            farm.installOperatingSystem(fe);
            farm.runDeploymentWizard(fe);
        }
        runOk(shell, Cmdlet.of("Install-CsDatabase").with("DatabaseType", "Application").with("SqlServerFqdn", BE.fqdn())
                .with("SqlInstanceName", BE.instance()).withSwitch("Clean"));
        Cmdlet importRgs = Cmdlet.of("Import-CsRgsConfiguration").with("Destination", "service:ApplicationServer:" + POOL)
                .with("FileName", file.toString());

        ShellOutput refused = run(shell, importRgs);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("Import-CsRgsConfiguration : The contact object sip:rgs-")
                .contains("already exists in Active Directory").contains(oldOwner).contains("-OverwriteOwner");
        assertThat(farm.tables(BE, "rgsconfig").get("workflows")).isEmpty();

        runOk(shell, importRgs.withSwitch("OverwriteOwner"));

        assertThat(farm.tables(BE, "rgsconfig")).isEqualTo(rgs);
        String contacts = Files.readString(farm.directory().resolve("ad/rgs-contacts.json"));
        assertThat(contacts).doesNotContain(oldOwner).contains(farm.serverState(FE1).serviceInstanceId());
        runOk(shell, importRgs);
    }

    @Test
    void responseGroupImportKeepsTheServiceSettingsUnlessAskedToReplaceThem() throws Exception {
        Map<String, List<Map<String, Object>>> rgs = farm.tables(BE, "rgsconfig");
        Path file = out.resolve("rgs.zip");
        Cmdlet importRgs = Cmdlet.of("Import-CsRgsConfiguration").with("Destination", "ApplicationServer:" + POOL)
                .with("FileName", file.toString());
        runOk(shell, Cmdlet.of("Export-CsRgsConfiguration").with("Source", "ApplicationServer:" + POOL)
                .with("FileName", file.toString()));
        try (Connection c = farm.databases().open(BE, "rgsconfig"); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE service_settings SET agent_ringback_grace_period = 99");
            s.executeUpdate("DELETE FROM holidays");
        }

        runOk(shell, importRgs);
        Map<String, List<Map<String, Object>>> kept = farm.tables(BE, "rgsconfig");
        runOk(shell, importRgs.withSwitch("ReplaceExistingRgsSettings"));

        assertThat(kept.get("holidays")).isEqualTo(rgs.get("holidays"));
        assertThat(kept.get("service_settings")).singleElement()
                .satisfies(row -> assertThat(row.get("agent_ringback_grace_period")).isEqualTo(99));
        assertThat(farm.tables(BE, "rgsconfig")).isEqualTo(rgs);
    }

    @Test
    void persistentChatExportedThenReinstalledThenImportedIsIdentical() {
        Map<String, List<Map<String, Object>>> mgc = farm.tables(PCHAT, "mgc");
        Path file = out.resolve("pchat.zip");
        runOk(shell, Cmdlet.of("Export-CsPersistentChatData").with("DBInstance", PCHAT.display())
                .with("FileName", file.toString()));

        farm.destroySqlInstance(PCHAT);
        farm.installSqlServer(PCHAT, "11.0.7001.0");
        runOk(shell, Cmdlet.of("Install-CsDatabase").with("DatabaseType", "PersistentChat").with("SqlServerFqdn", PCHAT.fqdn())
                .with("SqlInstanceName", PCHAT.instance()));
        runOk(shell, Cmdlet.of("Import-CsPersistentChatData").with("DBInstance", PCHAT.display())
                .with("FileName", file.toString()));

        assertThat(farm.tables(PCHAT, "mgc")).isEqualTo(mgc);
    }

    @Test
    void configuredDatabasesRecreatesEveryDatabaseTheTopologyListsOnTheServer() {
        farm.destroySqlInstance(LabFixtures.MON);
        farm.installSqlServer(LabFixtures.MON, "11.0.7001.0");

        ShellOutput output = runOk(shell, Cmdlet.of("Install-CsDatabase").withSwitch("ConfiguredDatabases")
                .with("SqlServerFqdn", LabFixtures.MON.fqdn()));

        assertThat(output.stdout()).contains("installed database LcsLog", "installed database LcsCDR",
                "installed database QoEMetrics");
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>(farm.tables(LabFixtures.MON, "LcsCDR"));
        assertThat(tables.get("session_details")).isEmpty();
        assertThat(tables.get("principals")).hasSize(1);
    }
}
