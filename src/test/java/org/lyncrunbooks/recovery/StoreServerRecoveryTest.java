package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.recovery.RecoveryLab.CHAT;
import static org.lyncrunbooks.recovery.RecoveryLab.CHAT_POOL;
import static org.lyncrunbooks.recovery.RecoveryLab.CHAT_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.EDGE;
import static org.lyncrunbooks.recovery.RecoveryLab.FILE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.MON;
import static org.lyncrunbooks.recovery.RecoveryLab.MON_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.SQL_2012;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.topology.SqlStoreRef;

/** R10, R11, R12 and R8 for an Edge server: the servers whose data is one store, one set of databases, or none. */
class StoreServerRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aLostFileServerGetsItsStoreBackByteForByteAndEnableTopologySetsItsAcls() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Path fileStore = lab.fileStore("lab-fs01");
        Map<String, String> before = RecoveryLab.tree(fileStore);
        RecoveryService service = lab.service();
        String set = service.assess(FILE_SERVER, "").setId();

        lab.farm.destroyServer(FILE_SERVER);
        boolean aclsAfterLoss = lab.farm.fileStoreAclsSet("lab-fs01");
        lab.farm.installOperatingSystem(FILE_SERVER);
        service.restoreFileStore("r10", FILE_SERVER, set, false);
        service.enableTopology("r10");

        assertThat(aclsAfterLoss).isFalse();
        assertThat(RecoveryLab.tree(fileStore)).isEqualTo(RecoveryLab.withoutMeetingActive(before));
        assertThat(lab.farm.fileStoreAclsSet("lab-fs01")).isTrue();
        assertThat(service.journal("r10")).extracting(JournalEntry::step)
                .containsExactly("restore-file-store:lab-fs01", "enable-topology");
    }

    @Test
    void aLostMonitoringStoreGetsItsDatabasesBackRowForRow() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Map<String, Object> before = tables(lab, MON, "LcsLog", "LcsCDR", "QoEMetrics");
        RecoveryService service = lab.service();
        String set = service.assess(MON_SERVER, "").setId();

        lab.farm.destroyServer(MON_SERVER);
        lab.farm.installOperatingSystem(MON_SERVER);
        lab.farm.installSqlServer(MON, SQL_2012);
        RecoveryService.CheckResult clean = service.checkSqlServer(MON_SERVER);
        service.installStoreDatabases("r11", MON_SERVER);
        service.restoreDatabases("r11", MON_SERVER, set, false, null, null);

        assertThat(clean.passed()).isTrue();
        assertThat(tables(lab, MON, "LcsLog", "LcsCDR", "QoEMetrics")).isEqualTo(before);
        assertThat(lab.cmdlets()).containsSubsequence(
                "Install-CsDatabase -DatabaseType 'Archiving' -SqlServerFqdn '" + MON_SERVER + "' -SqlInstanceName 'archmon'",
                "Install-CsDatabase -DatabaseType 'Monitoring' -SqlServerFqdn '" + MON_SERVER + "' -SqlInstanceName 'archmon'");
        assertThat(service.journal("r11")).extracting(JournalEntry::step).containsExactly(
                "install-store-database:mon01.lab.contoso.local_archmon:Archiving",
                "install-store-database:mon01.lab.contoso.local_archmon:Monitoring",
                "restore-database:mon01.lab.contoso.local_archmon:LcsLog",
                "restore-database:mon01.lab.contoso.local_archmon:LcsCDR",
                "restore-database:mon01.lab.contoso.local_archmon:QoEMetrics");
        assertThat(service.journal("r11").get(3).detail()).isEqualTo("restored database LcsCDR on " + MON.display()
                + " from sql/mon01.lab.contoso.local_archmon/LcsCDR.bak into the instance's default data and log folders; "
                + "RTCComponentUniversalServices is a user with "
                + "the ServerRole role (as Microsoft's Monitoring and Archiving restore requires)");
    }

    @Test
    void theDatabasesGoToTheFoldersTheDbaGaveAndAFolderThatIsNotOneIsNamed() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Map<String, Object> before = tables(lab, MON, "LcsLog", "LcsCDR", "QoEMetrics");
        RecoveryService service = lab.service();
        String set = service.assess(MON_SERVER, "").setId();
        lab.farm.destroyServer(MON_SERVER);
        lab.farm.installOperatingSystem(MON_SERVER);
        lab.farm.installSqlServer(MON, SQL_2012, "D:\\SQLData", "L:\\SQLLogs");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.restoreDatabases("r11", MON_SERVER, set, false,
                        "SQLData", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'SQLData' is not an absolute Windows folder");
        service.restoreDatabases("r11", MON_SERVER, set, false, "D:\\SQLData", "L:\\SQLLogs");

        assertThat(tables(lab, MON, "LcsLog", "LcsCDR", "QoEMetrics")).isEqualTo(before);
        assertThat(service.journal("r11").get(0).detail()).contains(" into data folder D:\\SQLData, log folder L:\\SQLLogs;");
    }

    @Test
    void aLostPersistentChatStoreGetsItsChatBackFromTheExport() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Map<String, Object> before = tables(lab, CHAT, "mgc");
        RecoveryService service = lab.service();
        String set = service.assess(CHAT_SERVER, "").setId();

        lab.farm.destroyServer(CHAT_SERVER);
        lab.farm.installOperatingSystem(CHAT_SERVER);
        lab.farm.installSqlServer(CHAT, SQL_2012);
        service.installStoreDatabases("r12", CHAT_SERVER);
        service.restoreDatabases("r12", CHAT_SERVER, set, false, null, null);
        service.importPersistentChatData("r12", CHAT_SERVER, set);

        assertThat(tables(lab, CHAT, "mgc")).isEqualTo(before);
        assertThat(lab.farm.tables(CHAT, "mgccomp").get("compliance_events")).isEmpty();
        assertThat(lab.cmdlets()).contains("Import-CsPersistentChatData -DBInstance '" + CHAT.display() + "' -FileName '"
                + lab.setDirectory(set) + "/persistentchat/" + CHAT_POOL + ".zip'");
        assertThat(service.journal("r12")).extracting(JournalEntry::step).containsExactly(
                "install-store-database:pcsql01.lab.contoso.local_pchat:PersistentChat",
                "install-store-database:pcsql01.lab.contoso.local_pchat:PersistentChatCompliance",
                "import-persistent-chat-data:" + CHAT_POOL);
    }

    @Test
    void anEdgeServerGetsTheConfigurationExportedOnceOntoTheMediaForTheEdgeNotTheInternalShare() throws IOException {
        RecoveryLab lab = RecoveryLab.withoutBackup(dir);
        RecoveryService service = lab.service();

        String path = service.exportConfigurationForEdge("r8-edge", EDGE);
        String again = service.exportConfigurationForEdge("r8-edge", EDGE);

        Path zip = lab.edgeMedia().toAbsolutePath().normalize().resolve("CsConfiguration-" + EDGE + "-r8-edge.zip");
        assertThat(path).isEqualTo(zip.toString()).isEqualTo(again);
        assertThat(zip.startsWith(lab.root.toAbsolutePath().normalize())).as("not on the internal backup share").isFalse();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            assertThat(entries.getNextEntry()).isNotNull();
        }
        assertThat(lab.count("Export-CsConfiguration")).isEqualTo(1);
    }

    private static Map<String, Object> tables(RecoveryLab lab, SqlStoreRef store, String... databases) {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (String database : List.of(databases)) {
            tables.put(database, lab.farm.tables(store, database));
        }
        return tables;
    }
}
