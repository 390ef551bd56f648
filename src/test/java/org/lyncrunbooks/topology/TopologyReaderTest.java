package org.lyncrunbooks.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheTwoPoolFarm() {
        Topology topology = TopologyReader.read(TopologyFixtures.twoPoolFarm(dir));

        assertThat(topology.name()).isEqualTo("Contoso");
        assertThat(topology.pools()).extracting(Pool::fqdn).containsExactly("pool01.contoso.local",
                "edge01.contoso.local", "pchat01.contoso.local", "pool02.contoso.local", "se01.contoso.local");
        assertThat(topology.centralManagementPool()).map(Pool::fqdn).contains("pool01.contoso.local");
        assertThat(topology.pool("SE01.contoso.local")).map(Pool::servers).contains(List.of("se01.contoso.local"));
        assertThat(topology.pool("pchat01.contoso.local")).map(Pool::persistentChatBackup)
                .contains(Pool.PersistentChatBackup.EXPORT);
        assertThat(topology.fileStore("redmond-fs")).map(FileStore::mountPath)
                .contains(dir.resolve("redmond-fs").toAbsolutePath());
        assertThat(topology.fileStore("redmond-fs")).map(FileStore::serverFqdn).contains("fs01.contoso.local");
        assertThat(topology.sha256()).hasSize(64);
    }

    @Test
    void namesTheFileTheFieldAndTheProblemForAnUnknownPoolKind() {
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("kind: edge", "kind: frontend"));

        assertThatThrownBy(() -> TopologyReader.read(file))
                .isInstanceOf(TopologyInvalidException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("sites[0].pools[1].kind: unknown pool kind 'frontend'; expected one of enterprise, standard, edge");
    }

    @Test
    void aPoolWithAnUnknownKindIsReportedOnceWithoutItsKnockOns() {
        // the CMS pool with a mistyped kind: its back end, its file store and the CMS are still declared by it
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replaceFirst("kind: enterprise", "kind: frontend"));

        TopologyInvalidException e = org.junit.jupiter.api.Assertions.assertThrows(TopologyInvalidException.class,
                () -> TopologyReader.read(file));

        assertThat(e.problems()).containsExactly("sites[0].pools[0].kind: unknown pool kind 'frontend'; expected one of "
                + PoolKind.allNames());
    }

    @Test
    void aFileStoreWithAMistakeOfItsOwnIsNotAlsoReportedAsUndeclaredByItsPool() {
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("mountPath: redmond-fs", "mountPath: no-such-folder"));

        TopologyInvalidException e = org.junit.jupiter.api.Assertions.assertThrows(TopologyInvalidException.class,
                () -> TopologyReader.read(file));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0)).startsWith("fileStores[0].mountPath: directory").endsWith("does not exist");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String yaml = TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("      - fqdn: edge01.contoso.local\n", "      - kind2: x\n")
                .replace("mountPath: redmond-fs", "mountPath: no-such-folder")
                .replace("fqdn: sql02.contoso.local", "fqdn: sql01.contoso.local")
                .replace("servers: [fe11.contoso.local]", "servers: [fe01.contoso.local]");
        Path file = TopologyFixtures.write(dir, yaml);

        TopologyInvalidException e = org.junit.jupiter.api.Assertions.assertThrows(TopologyInvalidException.class,
                () -> TopologyReader.read(file));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("sites[0].pools[1].kind2: unknown field"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("sites[0].pools[1].fqdn: missing"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("fileStores[0].mountPath: directory")
                .endsWith("does not exist"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("sqlStores[1]: duplicate SQL store sql01.contoso.local\\rtc"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("duplicate FQDN 'fe01.contoso.local'"));
    }

    @Test
    void refusesAMissingFqdnAndAPoolWithoutItsStore() {
        String yaml = TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("        backEnd: sql02.contoso.local\\rtc\n", "");
        Path file = TopologyFixtures.write(dir, yaml);

        assertThatThrownBy(() -> TopologyReader.read(file))
                .hasMessageContaining("sites[1].pools[0].backEnd: missing; an enterprise pool needs its Back End SQL store");
    }

    @Test
    void refusesReferencesToUndeclaredStores() {
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("backEnd: sql02.contoso.local\\rtc", "backEnd: sql09.contoso.local\\rtc")
                .replace("fileStore: dublin-fs", "fileStore: paris-fs"));

        assertThatThrownBy(() -> TopologyReader.read(file))
                .hasMessageContaining("sites[1].pools[0].backEnd: no SQL store sql09.contoso.local\\rtc in sqlStores")
                .hasMessageContaining("sites[1].pools[0].fileStore: no file store named 'paris-fs' in fileStores");
    }

    @Test
    void refusesHostileNames() {
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("instance: archmon", "instance: \"a]b; DROP DATABASE y--\"")
                .replace("databases: [LcsLog, LcsCDR, QoEMetrics]", "databases: [LcsLog, \"x]; DROP DATABASE y--\"]")
                .replace("name: dublin-fs", "name: ../../etc")
                .replace("fqdn: se01.contoso.local\n        kind: standard", "fqdn: \"-se01.contoso.local\\r\\nx\"\n        kind: standard"));

        TopologyInvalidException e = org.junit.jupiter.api.Assertions.assertThrows(TopologyInvalidException.class,
                () -> TopologyReader.read(file));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("is not a SQL Server instance name"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("unknown Lync database 'x]; DROP DATABASE y--'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'../../etc' is not a valid file store name"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'-se01.contoso.local\\u000d\\u000ax' is not a fully qualified domain name"));
    }

    @Test
    void refusesTwoCentralManagementStores() {
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("        backEnd: se01.contoso.local\\rtc\n", "        backEnd: se01.contoso.local\\rtc\n        hostsCentralManagementStore: true\n"));

        assertThatThrownBy(() -> TopologyReader.read(file))
                .hasMessageContaining("more than one pool has hostsCentralManagementStore: true");
    }

    @Test
    void readsTheEdgeExternalFqdnsTheWebServicesAndTheSimpleUrls() {
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("name: Contoso\n", "name: Contoso\nsimpleUrls: [meet.contoso.com, dialin.contoso.com]\n")
                .replace("        fileStore: redmond-fs\n", "        fileStore: redmond-fs\n        externalWebFqdn: lyncweb.contoso.com\n"));

        Topology topology = TopologyReader.read(file);

        assertThat(topology.simpleUrls()).containsExactly("meet.contoso.com", "dialin.contoso.com");
        assertThat(topology.pool("pool01.contoso.local").orElseThrow().webServices())
                .isEqualTo(new Pool.WebServices("pool01.contoso.local", "lyncweb.contoso.com"));
        assertThat(topology.pool("edge01.contoso.local").orElseThrow().edgeFqdns())
                .isEqualTo(new Pool.EdgeFqdns("sip.contoso.com", "webconf.contoso.com", "av.contoso.com"));
        assertThat(topology.pool("pchat01.contoso.local").orElseThrow().webServices()).isNull();
    }

    @Test
    void refusesAnEdgePoolWithoutItsExternalFqdnsAndEdgeNamesOnOtherPools() {
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("        webConferencingEdgeFqdn: webconf.contoso.com\n", "")
                .replace("        avEdgeFqdn: av.contoso.com\n", "        avEdgeFqdn: \"av contoso\"\n")
                .replace("        fileStore: dublin-fs\n", "        fileStore: dublin-fs\n        accessEdgeFqdn: sip.contoso.com\n"));

        TopologyInvalidException e = org.junit.jupiter.api.Assertions.assertThrows(TopologyInvalidException.class,
                () -> TopologyReader.read(file));

        assertThat(e.problems()).contains(
                "sites[0].pools[1].webConferencingEdgeFqdn: missing; an Edge pool needs the external FQDNs of its Access, "
                        + "Web Conferencing and A/V Edge services, which its external certificate carries",
                "sites[0].pools[1].avEdgeFqdn: 'av contoso' is not a fully qualified domain name (e.g. fe01.contoso.local)",
                "sites[1].pools[0].accessEdgeFqdn: does not apply to a enterprise pool");
    }

    @Test
    void refusesSomethingThatIsNotYaml() {
        Path file = TopologyFixtures.write(dir, "sites: [ {");

        assertThatThrownBy(() -> TopologyReader.read(file))
                .isInstanceOf(TopologyInvalidException.class)
                .hasMessageContaining("(file): not valid YAML");
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> TopologyReader.read(dir.resolve("nope.yaml")))
                .isInstanceOf(TopologyInvalidException.class)
                .hasMessageContaining("cannot be read");
    }
}
