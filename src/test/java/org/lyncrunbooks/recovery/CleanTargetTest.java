package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.recovery.RecoveryLab.BE;
import static org.lyncrunbooks.recovery.RecoveryLab.BE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.FILE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.MON;
import static org.lyncrunbooks.recovery.RecoveryLab.MON_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.SQL_2012;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.sqlserver.SqlServerClient.DatabaseState;

/** Restores go only to new or clean targets (D3, I6), unless an override was approved, and then it is recorded. */
class CleanTargetTest {

    @TempDir
    Path dir;

    @Test
    void aFileStoreThatHoldsDataIsRefusedWithNothingWrittenAndRestoredOverWhenTheOverrideIsApproved() throws Exception {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Path fileStore = lab.fileStore("lab-fs01");
        Map<String, String> before = RecoveryLab.tree(fileStore);
        RecoveryService service = lab.service();
        String set = service.assess(FILE_SERVER, "").setId();
        lab.farm.wipeFileStore("lab-fs01");
        Files.writeString(fileStore.resolve("stray.txt"), "written after the failure");
        Files.setLastModifiedTime(fileStore.resolve("stray.txt"), FileTime.fromMillis(1_700_000_000_000L));
        Map<String, String> stray = RecoveryLab.tree(fileStore);

        assertThatThrownBy(() -> service.restoreFileStore("r10", FILE_SERVER, set, false))
                .isInstanceOf(RestoreTargetNotCleanException.class)
                .hasMessage("file store lab-fs01 (\\\\fs01.lab.contoso.local\\lyncshare, mounted at " + fileStore
                        + ") is not clean: it holds 1 entry (stray.txt). A restore goes only to an empty folder; "
                        + "nothing was written. Empty it, or approve the override to restore over it.");
        assertThat(RecoveryLab.tree(fileStore)).isEqualTo(stray);
        assertThat(service.journal("r10")).isEmpty();

        service.restoreFileStore("r10", FILE_SERVER, set, true);

        Map<String, String> expected = new TreeMap<>(RecoveryLab.withoutMeetingActive(before));
        expected.putAll(stray);
        assertThat(RecoveryLab.tree(fileStore)).isEqualTo(expected);
        assertThat(service.journal("r10")).singleElement().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(JournalEntry.State.DONE);
            assertThat(entry.detail()).endsWith("; the target held 1 entry (stray.txt) and was written over with the "
                    + "approved override");
        });
    }

    @Test
    void aDatabaseThatHoldsDataIsRefusedBeforeAnyDatabaseIsRestored() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Map<String, List<Map<String, Object>>> lcsCdr = lab.farm.tables(MON, "LcsCDR");
        Map<String, List<Map<String, Object>>> lcsLog = lab.farm.tables(MON, "LcsLog");
        RecoveryService service = lab.service();
        String set = service.assess(MON_SERVER, "").setId();
        lab.farm.destroyServer(MON_SERVER);
        lab.farm.installOperatingSystem(MON_SERVER);
        lab.farm.installSqlServer(MON, SQL_2012);
        service.installStoreDatabases("r11", MON_SERVER);
        lab.sql.restoreDatabase(MON, "QoEMetrics", lab.setDirectory(set)
                .resolve("sql/mon01.lab.contoso.local_archmon/QoEMetrics.bak").toString(), false,
                org.lyncrunbooks.sqlserver.SqlServerClient.FileLocations.instanceDefaults());

        assertThatThrownBy(() -> service.restoreDatabases("r11", MON_SERVER, set, false, null, null))
                .isInstanceOf(RestoreTargetNotCleanException.class)
                .hasMessage("refusing to restore: database QoEMetrics on " + MON.display() + " holds data already. A "
                        + "restore goes only to a new or clean database; nothing was restored. Drop or empty it, or "
                        + "approve the override to restore over it.");
        assertThat(lab.sql.databaseState(MON, "LcsCDR")).isEqualTo(DatabaseState.EMPTY);
        assertThat(lab.sql.databaseState(MON, "LcsLog")).isEqualTo(DatabaseState.EMPTY);
        assertThat(service.journal("r11")).extracting(JournalEntry::step).noneMatch(step -> step.startsWith("restore-"));

        service.restoreDatabases("r11", MON_SERVER, set, true, null, null);

        assertThat(lab.farm.tables(MON, "LcsCDR")).isEqualTo(lcsCdr);
        assertThat(lab.farm.tables(MON, "LcsLog")).isEqualTo(lcsLog);
        assertThat(service.journal("r11")).filteredOn(entry -> entry.step().endsWith(":QoEMetrics")).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).contains("; the target held data and was written over "
                        + "with the approved override"));
        assertThat(service.journal("r11")).filteredOn(entry -> entry.step().endsWith(":LcsCDR")).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).doesNotContain("override"));
    }

    @Test
    void theCentralManagementStoreIsNotReinstalledOverAnInstanceThatHoldsItsData() {
        RecoveryLab lab = RecoveryLab.withoutBackup(dir);
        Map<String, List<Map<String, Object>>> xds = lab.farm.tables(BE, "xds");

        assertThatThrownBy(() -> lab.service().installCentralManagementDatabase("r4", BE_SERVER, false))
                .isInstanceOf(RestoreTargetNotCleanException.class)
                .hasMessage("refusing Install-CsDatabase -CentralManagementDatabase -Clean on " + BE.display()
                        + ": xds holds 25 rows; lis holds 90 rows. That is a configuration, which -Clean would drop; "
                        + "nothing was changed. Drop or empty the Central Management store databases, or approve the "
                        + "override to reinstall them.");
        assertThat(lab.count("Install-CsDatabase")).isZero();
        assertThat(lab.farm.tables(BE, "xds")).isEqualTo(xds);
        assertThat(lab.service().journal("r4")).isEmpty();
    }
}
