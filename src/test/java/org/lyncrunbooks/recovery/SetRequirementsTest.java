package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.RecoveryPlanner;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyReader;

/** What each procedure needs from a set, on a topology with the kinds of server the lab farm does not have. */
class SetRequirementsTest {

    @TempDir
    Path dir;

    private Topology topology;

    @BeforeEach
    void topology() throws IOException {
        Files.createDirectories(dir.resolve("fs"));
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, """
                name: Contoso
                sites:
                  - name: Redmond
                    pools:
                      - fqdn: pool01.contoso.local
                        kind: enterprise
                        servers: [fe01.contoso.local]
                        backEnd: sql01.contoso.local\\rtc
                        hostsCentralManagementStore: true
                        fileStore: fs
                      - fqdn: pool02.contoso.local
                        kind: enterprise
                        servers: [fe11.contoso.local, fe12.contoso.local]
                        backEnd: sql02.contoso.local\\rtc
                        responseGroup: true
                      - fqdn: pchat01.contoso.local
                        kind: persistent-chat
                        servers: [pc01.contoso.local]
                        persistentChatStore: sql02.contoso.local\\rtc
                        persistentChatBackup: sql
                sqlStores:
                  - fqdn: sql01.contoso.local
                    instance: rtc
                    databases: [xds, lis, rtcxds, rtcshared, rtcdyn]
                  - fqdn: sql02.contoso.local
                    instance: rtc
                    databases: [rtcxds, rtcshared, rtcdyn, rgsconfig, rgsdyn, LcsCDR, QoEMetrics, mgc]
                fileStores:
                  - name: fs
                    unc: '\\\\fs01.contoso.local\\share'
                    mountPath: %s
                """.formatted(dir.resolve("fs").toAbsolutePath()));
        topology = TopologyReader.read(file);
    }

    @Test
    void anEnterpriseBackEndNeedsItsPoolsUserDataAndRgsAndTheBackupsOfTheDatabasesItHeld() {
        assertThat(needed("sql02.contoso.local")).containsExactly("userdata:pool02.contoso.local",
                "rgs:pool02.contoso.local", "sql:sql02.contoso.local_rtc:LcsCDR", "sql:sql02.contoso.local_rtc:QoEMetrics",
                "sql:sql02.contoso.local_rtc:mgc");
    }

    @Test
    void theCentralManagementBackEndNeedsTheCmsExportsAndItsPoolsUserData() {
        assertThat(needed("sql01.contoso.local")).containsExactly("cms:configuration", "cms:lis",
                "userdata:pool01.contoso.local");
    }

    @Test
    void aMemberServerNeedsNothingAndAFileServerItsStore() {
        assertThat(needed("fe11.contoso.local")).isEmpty();
        assertThat(needed("pc01.contoso.local")).isEmpty();
        assertThat(needed("fs01.contoso.local")).containsExactly("filestore:fs");
    }

    private List<String> needed(String server) {
        return SetRequirements.needed(topology, RecoveryPlanner.plan(topology, server).orElseThrow()).stream()
                .map(BackupItem::itemId).toList();
    }
}
