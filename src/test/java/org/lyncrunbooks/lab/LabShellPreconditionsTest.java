package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.lab.LabFixtures.BE;
import static org.lyncrunbooks.lab.LabFixtures.FE1;
import static org.lyncrunbooks.lab.LabFixtures.FE2;
import static org.lyncrunbooks.lab.LabFixtures.POOL;
import static org.lyncrunbooks.lab.LabFixtures.run;
import static org.lyncrunbooks.lab.LabFixtures.runOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;

class LabShellPreconditionsTest {

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
    void importCsUserDataIsRefusedWhileTheFrontEndServiceRuns() throws Exception {
        Path file = out.resolve("pool01.zip");
        runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", file.toString()));
        try (Connection c = farm.databases().open(BE, "rtcxds"); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM contacts");
        }
        runOk(shell, Cmdlet.of("Stop-CsWindowsService").with("ComputerName", FE1));

        ShellOutput output = run(shell, Cmdlet.of("Import-CsUserData").with("PoolFqdn", POOL).with("FileName", file.toString()));

        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stderr()).startsWith("Import-CsUserData : The Front-End service (RTCSRV) is running on "
                + FE2).contains("Stop-CsWindowsService");
        assertThat(farm.tables(BE, "rtcxds").get("contacts")).isEmpty();
    }

    @Test
    void importCsConfigurationNeedsTheServiceConnectionPoint() {
        Path file = out.resolve("cfg.zip");
        runOk(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));
        farm.deleteCentralManagementStoreLocation();

        ShellOutput output = run(shell, Cmdlet.of("Import-CsConfiguration").with("FileName", file.toString()));

        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stderr()).startsWith("Import-CsConfiguration : Cannot find the Central Management store")
                .contains("Set-CsConfigurationStoreLocation");
        assertThat(farm.centralManagementStoreLocation()).isEmpty();
    }

    @Test
    void importCsConfigurationRefusesAUserDataExportAndGarbage() throws Exception {
        Map<String, List<Map<String, Object>>> xds = farm.tables(BE, "xds");
        Path userData = out.resolve("pool01.zip");
        runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", userData.toString()));
        Path garbage = Files.write(out.resolve("garbage.zip"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        ShellOutput wrongKind = run(shell, Cmdlet.of("Import-CsConfiguration").with("FileName", userData.toString()));
        ShellOutput notAZip = run(shell, Cmdlet.of("Import-CsConfiguration").with("FileName", garbage.toString()));
        ShellOutput missing = run(shell, Cmdlet.of("Import-CsConfiguration").with("FileName", out.resolve("none.zip").toString()));

        assertThat(wrongKind.stderr()).startsWith("Import-CsConfiguration : The file '" + userData
                + "' is not a configuration export: it is a user data export written by Export-CsUserData; use Import-CsUserData");
        assertThat(notAZip.stderr()).contains("is not a configuration export: it is not a ZIP archive");
        assertThat(missing.stderr()).contains("because it does not exist");
        assertThat(farm.tables(BE, "xds")).isEqualTo(xds);
    }

    @Test
    void importCsConfigurationIntoTheLocalStoreNeedsNoCmsButAConfigurationExport() throws Exception {
        Path config = out.resolve("cfg.zip");
        Path userData = out.resolve("pool01.zip");
        runOk(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", config.toString()));
        runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", userData.toString()));
        farm.deleteCentralManagementStoreLocation();

        ShellOutput local = runOk(shell, Cmdlet.of("Import-CsConfiguration").with("FileName", config.toString())
                .withSwitch("LocalStore"));
        ShellOutput wrong = run(shell, Cmdlet.of("Import-CsConfiguration").with("FileName", userData.toString())
                .withSwitch("LocalStore"));

        assertThat(local.stdout()).contains("local configuration store");
        assertThat(farm.directory().resolve("shellhost/localstore/CsConfiguration.zip")).hasSameBinaryContentAs(config);
        assertThat(wrong.stderr()).contains("is not a configuration export");
    }

    @Test
    void importCsUserDataRefusesAConfigurationExportAnotherPoolsExportAndADamagedOne() throws Exception {
        Path config = out.resolve("cfg.zip");
        runOk(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", config.toString()));
        runOk(shell, Cmdlet.of("Stop-CsWindowsService").with("ComputerName", FE1));
        runOk(shell, Cmdlet.of("Stop-CsWindowsService").with("ComputerName", FE2));
        Path se = out.resolve("se01.zip");
        runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", LabFixtures.SE).with("FileName", se.toString()));

        ShellOutput wrongKind = run(shell, Cmdlet.of("Import-CsUserData").with("PoolFqdn", POOL).with("FileName", config.toString()));
        ShellOutput wrongPool = run(shell, Cmdlet.of("Import-CsUserData").with("PoolFqdn", POOL).with("FileName", se.toString()));
        Path pool01 = out.resolve("pool01.zip");
        runOk(shell, Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", pool01.toString()));
        Path damaged = withoutFirstUserRow(pool01, out.resolve("damaged.zip"));
        Map<String, List<Map<String, Object>>> before = farm.tables(BE, "rtcxds");
        ShellOutput damagedImport = run(shell, Cmdlet.of("Import-CsUserData").with("PoolFqdn", POOL)
                .with("FileName", damaged.toString()));

        assertThat(wrongKind.stderr()).contains("is not a user data export: it is a configuration export");
        assertThat(wrongPool.stderr()).contains("holds the user data of pool se01.lab.contoso.local, not of " + POOL);
        assertThat(damagedImport.stderr()).contains("table rtcxds.users should hold 12 rows but holds 11");
        assertThat(farm.tables(BE, "rtcxds")).isEqualTo(before);
    }

    private static Path withoutFirstUserRow(Path source, Path target) throws Exception {
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(source.toFile());
             java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            for (var entry : java.util.Collections.list(in.entries())) {
                String text = new String(in.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (entry.getName().equals("DocItemSet.xml")) {
                    int start = text.indexOf("<Row>");
                    text = text.substring(0, start) + text.substring(text.indexOf("</Row>", start) + "</Row>".length());
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                zip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return target;
    }

    @Test
    void exportCsLisConfigurationRefusesAnExistingFile() throws Exception {
        Path file = Files.writeString(out.resolve("Lis.zip"), "yesterday's export");

        ShellOutput output = run(shell, Cmdlet.of("Export-CsLisConfiguration").with("FileName", file.toString()));

        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stderr()).startsWith("Export-CsLisConfiguration : The file '" + file + "' already exists.");
        assertThat(file).hasContent("yesterday's export");
    }

    @Test
    void exportCsConfigurationFailsWhenTheCmsInstanceIsDestroyed() {
        farm.destroySqlInstance(BE);
        Path file = out.resolve("cfg.zip");

        ShellOutput output = run(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));

        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stderr()).startsWith("Export-CsConfiguration : A network-related or instance-specific error "
                + "occurred while establishing a connection to SQL Server").contains("[be01.lab.contoso.local\\rtc]");
        assertThat(file).doesNotExist();
    }

    @Test
    void exportCsConfigurationFailsWhenXdsHoldsNoTopology() {
        runOk(shell, Cmdlet.of("Install-CsDatabase").withSwitch("CentralManagementDatabase").withSwitch("Clean")
                .with("SqlServerFqdn", BE.fqdn()).with("SqlInstanceName", BE.instance()));

        ShellOutput output = run(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", out.resolve("c.zip").toString()));

        assertThat(output.stderr()).contains("holds no topology");
    }

    @Test
    void databaseCmdletsCheckTheirPreconditions() {
        farm.destroySqlInstance(BE);

        ShellOutput noInstance = run(shell, Cmdlet.of("Install-CsDatabase").withSwitch("CentralManagementDatabase")
                .with("SqlServerFqdn", BE.fqdn()).with("SqlInstanceName", BE.instance()));
        ShellOutput noCms = run(shell, Cmdlet.of("Install-CsDatabase").withSwitch("ConfiguredDatabases")
                .with("SqlServerFqdn", "mon01.lab.contoso.local"));
        farm.installSqlServer(BE, "11.0.7001.0");
        ShellOutput noXds = run(shell, Cmdlet.of("Set-CsConfigurationStoreLocation").with("SqlServerFqdn", BE.fqdn())
                .with("SqlInstanceName", BE.instance()));
        ShellOutput ambiguous = run(shell, Cmdlet.of("Install-CsDatabase").withSwitch("CentralManagementDatabase")
                .withSwitch("ConfiguredDatabases").with("SqlServerFqdn", BE.fqdn()));
        ShellOutput badType = run(shell, Cmdlet.of("Install-CsDatabase").with("DatabaseType", "Everything")
                .with("SqlServerFqdn", BE.fqdn()).with("SqlInstanceName", BE.instance()));

        assertThat(noInstance.stderr()).contains("A network-related or instance-specific error");
        assertThat(noCms.stderr()).contains("A network-related or instance-specific error");
        assertThat(noXds.stderr()).contains("xds) is not installed on be01.lab.contoso.local\\rtc");
        assertThat(ambiguous.stderr()).contains("Parameter set cannot be resolved");
        assertThat(badType.stderr()).contains("CentralMgmt, User, Application, Archiving, Monitoring");
    }

    @Test
    void configuredDatabasesNeedsAnEnabledTopology() throws Exception {
        Path file = out.resolve("cfg.zip");
        runOk(shell, Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));
        runOk(shell, Cmdlet.of("Import-CsConfiguration").with("FileName", file.toString()));

        ShellOutput notEnabled = run(shell, Cmdlet.of("Install-CsDatabase").withSwitch("ConfiguredDatabases")
                .with("SqlServerFqdn", "mon01.lab.contoso.local"));
        runOk(shell, Cmdlet.of("Enable-CsTopology"));
        ShellOutput enabled = run(shell, Cmdlet.of("Install-CsDatabase").withSwitch("ConfiguredDatabases")
                .with("SqlServerFqdn", "mon01.lab.contoso.local"));

        assertThat(notEnabled.stderr()).contains("is not enabled. Run Enable-CsTopology first.");
        assertThat(enabled.succeeded()).isTrue();
        assertThat(enabled.stdout()).contains("kept existing database LcsCDR");
    }

    @Test
    void windowsServiceCmdletsNeedAReachableServerWithComponents() {
        farm.destroyServer(FE1);
        ShellOutput unreachable = run(shell, Cmdlet.of("Start-CsWindowsService").with("ComputerName", FE1));
        farm.installOperatingSystem(FE1);
        ShellOutput noComponents = run(shell, Cmdlet.of("Start-CsWindowsService").with("ComputerName", FE1));
        ShellOutput notLync = run(shell, Cmdlet.of("Stop-CsWindowsService").with("ComputerName", "be01.lab.contoso.local"));
        ShellOutput stopOne = runOk(shell, Cmdlet.of("Stop-CsWindowsService").with("ComputerName", FE2).with("Name", "rtcsrv"));

        assertThat(unreachable.stderr()).contains("Cannot open Service Control Manager on computer '" + FE1 + "'");
        assertThat(noComponents.stderr()).contains("No Lync Server services are installed");
        assertThat(notLync.stderr()).contains("is not a Lync server of the topology");
        assertThat(stopOne.stdout()).contains("Stopped RTCSRV");
        assertThat(farm.serverState(FE2).runningServices()).doesNotContain("RTCSRV").contains("RTCREPLICA");
    }

    @Test
    void enableCsTopologySetsTheFileStoreAclsOutsideTheTree() throws Exception {
        farm.wipeFileStore("lab-fs01");
        assertThat(farm.fileStoreAclsSet("lab-fs01")).isFalse();
        Path tree = farm.topology().fileStore("lab-fs01").orElseThrow().mountPath();
        try (var files = Files.list(tree)) {
            assertThat(files).isEmpty();
        }

        runOk(shell, Cmdlet.of("Enable-CsTopology"));

        assertThat(farm.fileStoreAclsSet("lab-fs01")).isTrue();
        try (var files = Files.list(tree)) {
            assertThat(files).isEmpty();
        }
    }
}
