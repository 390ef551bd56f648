package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.recovery.RecoveryLab.BE;
import static org.lyncrunbooks.recovery.RecoveryLab.BE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.FE1;
import static org.lyncrunbooks.recovery.RecoveryLab.FE2;
import static org.lyncrunbooks.recovery.RecoveryLab.FILE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.MON;
import static org.lyncrunbooks.recovery.RecoveryLab.MON_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.POOL;
import static org.lyncrunbooks.recovery.RecoveryLab.SQL_2012;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.CmdletFailedException;

/** Reliability scenario 10: a recovery step re-runs after a crash or a retry; it runs once, or again over its own work. */
class RecoveryIdempotencyTest {

    @TempDir
    Path dir;

    @Test
    void everyStepCalledTwiceRunsOnce() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Map<String, List<Map<String, Object>>> xds = lab.farm.tables(BE, "xds");
        Map<String, List<Map<String, Object>>> rtcxds = lab.farm.tables(BE, "rtcxds");
        Map<String, List<Map<String, Object>>> lcsCdr = lab.farm.tables(MON, "LcsCDR");
        RecoveryService service = lab.service();
        String set = lab.currentSet();
        for (String server : List.of(BE_SERVER, MON_SERVER, FILE_SERVER)) {
            lab.farm.destroyServer(server);
            lab.farm.installOperatingSystem(server);
        }
        lab.farm.installSqlServer(BE, SQL_2012);
        lab.farm.installSqlServer(MON, SQL_2012);

        for (int pass = 0; pass < 2; pass++) {
            service.installCentralManagementDatabase("r4", BE_SERVER, false);
            service.setConfigurationStoreLocation("r4", BE_SERVER);
            service.importConfiguration("r4", set);
            service.enableTopology("r4");
            service.installConfiguredDatabases("r4", BE_SERVER);
            service.restoreUserData("r4", BE_SERVER, set);
            service.restoreLisConfiguration("r4", set);
            service.restoreResponseGroup("r4", BE_SERVER, set);
            service.installStoreDatabases("r11", MON_SERVER);
            service.restoreDatabases("r11", MON_SERVER, set, false, null, null);
            service.restoreFileStore("r10", FILE_SERVER, set, false);
        }

        assertThat(Stream.of("Install-CsDatabase -CentralManagementDatabase", "Set-CsConfigurationStoreLocation",
                "Import-CsConfiguration", "Enable-CsTopology", "Install-CsDatabase -ConfiguredDatabases",
                "Stop-CsWindowsService -ComputerName '" + FE1 + "'", "Import-CsUserData", "Import-CsLisConfiguration",
                "Publish-CsLisConfiguration", "Import-CsRgsConfiguration", "Install-CsDatabase -DatabaseType 'Archiving'",
                "Install-CsDatabase -DatabaseType 'Monitoring'").map(lab::count)).containsOnly(1L);
        assertThat(lab.farm.tables(BE, "xds")).isEqualTo(xds);
        assertThat(lab.farm.tables(BE, "rtcxds")).isEqualTo(rtcxds);
        assertThat(lab.farm.tables(MON, "LcsCDR")).isEqualTo(lcsCdr);
        assertThat(Stream.of("r4", "r10", "r11").flatMap(id -> service.journal(id).stream()))
                .hasSize(9 + 1 + 5).allMatch(entry -> entry.state() == JournalEntry.State.DONE);
    }

    @Test
    void aFileStoreRestoreCutShortByACrashRunsAgainOverItsOwnHalfRestoredTarget() throws Exception {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Path fileStore = lab.fileStore("lab-fs01");
        Map<String, String> before = RecoveryLab.tree(fileStore);
        RecoveryService service = lab.service();
        String set = lab.currentSet();
        lab.farm.destroyServer(FILE_SERVER);
        lab.farm.installOperatingSystem(FILE_SERVER);
        Path half = lab.setDirectory(set).resolve("filestore/lab-fs01");
        try (Stream<Path> files = Files.walk(half)) {
            for (Path file : files.filter(Files::isRegularFile).limit(5).toList()) {
                Path copy = fileStore.resolve(half.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.write(copy, Files.readAllBytes(file), StandardOpenOption.CREATE_NEW);
            }
        }
        lab.journalLeftStarted("r10", "restore-file-store:lab-fs01");

        assertThatThrownBy(() -> service.restoreFileStore("another-recovery", FILE_SERVER, set, false))
                .isInstanceOf(RestoreTargetNotCleanException.class);
        service.restoreFileStore("r10", FILE_SERVER, set, false);

        assertThat(RecoveryLab.tree(fileStore)).isEqualTo(RecoveryLab.withoutMeetingActive(before));
        assertThat(service.journal("r10")).singleElement().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(JournalEntry.State.DONE);
            assertThat(entry.detail()).endsWith("; written over this recovery's own unfinished earlier attempt");
        });
        assertThat(service.journal("another-recovery")).isEmpty();
    }

    @Test
    void aDatabaseRestoreCutShortByACrashRunsAgainWithoutANotCleanRefusal() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Map<String, List<Map<String, Object>>> lcsCdr = lab.farm.tables(MON, "LcsCDR");
        RecoveryService service = lab.service();
        String set = lab.currentSet();
        lab.farm.destroyServer(MON_SERVER);
        lab.farm.installOperatingSystem(MON_SERVER);
        lab.farm.installSqlServer(MON, SQL_2012);
        service.installStoreDatabases("r11", MON_SERVER);
        lab.sql.restoreDatabase(MON, "LcsCDR", lab.setDirectory(set)
                .resolve("sql/mon01.lab.contoso.local_archmon/LcsCDR.bak").toString(), false,
                org.lyncrunbooks.sqlserver.SqlServerClient.FileLocations.instanceDefaults());
        lab.journalLeftStarted("r11", "restore-database:mon01.lab.contoso.local_archmon:LcsCDR");

        service.restoreDatabases("r11", MON_SERVER, set, false, null, null);

        assertThat(lab.farm.tables(MON, "LcsCDR")).isEqualTo(lcsCdr);
        assertThat(service.journal("r11")).extracting(JournalEntry::step).containsExactly(
                "restore-database:mon01.lab.contoso.local_archmon:LcsCDR",
                "restore-database:mon01.lab.contoso.local_archmon:LcsLog",
                "restore-database:mon01.lab.contoso.local_archmon:QoEMetrics");
        assertThat(service.journal("r11")).allMatch(entry -> entry.state() == JournalEntry.State.DONE);
    }

    @Test
    void aFailedUserDataImportStillStartsThePoolAndIsRunAgainOnTheNextAttempt() throws Exception {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        RecoveryService service = lab.service();
        String set = lab.currentSet();
        Path zip = lab.setDirectory(set).resolve("userdata/" + POOL + ".zip");
        Path aside = dir.resolve("aside.zip");
        Files.move(zip, aside);

        assertThatThrownBy(() -> service.restoreUserData("r5", BE_SERVER, set))
                .isInstanceOf(CmdletFailedException.class).hasMessageContaining("Import-CsUserData");

        assertThat(lab.farm.serverState(FE1).runningServices()).contains("RTCSRV");
        assertThat(lab.farm.serverState(FE2).runningServices()).contains("RTCSRV");
        assertThat(service.journal("r5")).singleElement().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(JournalEntry.State.STARTED);
            assertThat(entry.finishedAt()).isNull();
            assertThat(entry.detail()).startsWith("attempt failed: Import-CsUserData failed (exit 1)");
        });

        Files.move(aside, zip);
        service.restoreUserData("r5", BE_SERVER, set);

        assertThat(lab.count("Import-CsUserData")).isEqualTo(2);
        assertThat(service.journal("r5")).singleElement()
                .satisfies(entry -> assertThat(entry.state()).isEqualTo(JournalEntry.State.DONE));
    }
}
