package org.lyncrunbooks.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Topology files for tests: the two-pool farm of docs/topology.md, written with real mount folders. */
final class TopologyFixtures {

    private TopologyFixtures() {
    }

    static Path twoPoolFarm(Path dir) {
        return write(dir, twoPoolFarmYaml(dir));
    }

    static String twoPoolFarmYaml(Path dir) {
        mkdirs(dir.resolve("redmond-fs"));
        mkdirs(dir.resolve("dublin-fs"));
        return """
                name: Contoso
                backupShare: '\\\\backupsrv.contoso.local\\lyncbackup'
                sites:
                  - name: Redmond
                    pools:
                      - fqdn: pool01.contoso.local
                        kind: enterprise
                        servers: [fe01.contoso.local, fe02.contoso.local]
                        backEnd: sql01.contoso.local\\rtc
                        hostsCentralManagementStore: true
                        responseGroup: true
                        fileStore: redmond-fs
                      - fqdn: edge01.contoso.local
                        kind: edge
                        servers: [edge01a.contoso.local]
                      - fqdn: pchat01.contoso.local
                        kind: persistent-chat
                        servers: [pc01.contoso.local]
                        persistentChatStore: sqlpc.contoso.local\\pchat
                  - name: Dublin
                    pools:
                      - fqdn: pool02.contoso.local
                        kind: enterprise
                        servers: [fe11.contoso.local]
                        backEnd: sql02.contoso.local\\rtc
                        responseGroup: false
                        fileStore: dublin-fs
                      - fqdn: se01.contoso.local
                        kind: standard
                        backEnd: se01.contoso.local\\rtc
                        responseGroup: true
                sqlStores:
                  - fqdn: sql01.contoso.local
                    instance: rtc
                    databases: [xds, lis, rtcxds, rtcshared, rtcab, rtcdyn, rgsconfig, rgsdyn, cpsdyn]
                  - fqdn: sql02.contoso.local
                    instance: rtc
                    databases: [rtcxds, rtcshared, rtcab, rtcdyn, rgsconfig, rgsdyn, cpsdyn]
                  - fqdn: se01.contoso.local
                    instance: rtc
                    collocated: true
                    databases: [rtcxds, rtcshared, rtcab, rtcdyn, rgsconfig, rgsdyn, cpsdyn]
                  - fqdn: sqlmon.contoso.local
                    instance: archmon
                    databases: [LcsLog, LcsCDR, QoEMetrics]
                  - fqdn: sqlpc.contoso.local
                    instance: pchat
                    databases: [mgc, mgccomp]
                fileStores:
                  - name: redmond-fs
                    unc: '\\\\fs01.contoso.local\\lyncshare'
                    mountPath: redmond-fs
                  - name: dublin-fs
                    unc: '\\\\fs11.contoso.local\\lyncshare'
                    mountPath: %s
                """.formatted(dir.resolve("dublin-fs").toAbsolutePath());
    }

    static Path write(Path dir, String yaml) {
        try {
            Path file = dir.resolve("topology.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
