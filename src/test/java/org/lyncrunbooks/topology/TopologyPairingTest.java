package org.lyncrunbooks.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disaster-recovery additions to the topology (backupPool, nextHop, mirror, witness), validated at start-up. */
class TopologyPairingTest {

    private static final String POOL01 = "        fileStore: redmond-fs\n";
    private static final String POOL02 = "        fileStore: dublin-fs\n";
    private static final String EDGE = "        avEdgeFqdn: av.contoso.com\n";
    private static final String SQL01 = "    databases: [xds, lis, rtcxds, rtcshared, rtcab, rtcdyn, rgsconfig, rgsdyn, cpsdyn]\n";
    private static final String SQL02 = "    databases: [rtcxds, rtcshared, rtcab, rtcdyn, rgsconfig, rgsdyn, cpsdyn]\n";

    @TempDir
    Path dir;

    private String paired() {
        return TopologyFixtures.twoPoolFarmYaml(dir)
                .replace(POOL01, POOL01 + "        backupPool: pool02.contoso.local\n")
                .replace(POOL02, POOL02 + "        backupPool: pool01.contoso.local\n")
                .replace(EDGE, EDGE + "        nextHop: pool01.contoso.local\n")
                .replace("    instance: rtc\n" + SQL02, "    instance: rtc\n"
                        + "    databases: [xds, lis, rtcxds, rtcshared, rtcab, rtcdyn, rgsconfig, rgsdyn, cpsdyn]\n")
                .replace(SQL01, SQL01 + "    mirror: sql01m.contoso.local\\rtc\n    witness: sqlw.contoso.local\\rtc\n");
    }

    private TopologyInvalidException invalid(String yaml) {
        Path file = TopologyFixtures.write(dir, yaml);
        return org.junit.jupiter.api.Assertions.assertThrows(TopologyInvalidException.class, () -> TopologyReader.read(file));
    }

    @Test
    void readsPairedPoolsTheEdgeNextHopAndTheMirroredBackEnd() {
        Topology topology = TopologyReader.read(TopologyFixtures.write(dir, paired()));

        Pool pool01 = topology.pool("pool01.contoso.local").orElseThrow();
        assertThat(topology.backupPoolOf(pool01)).map(Pool::fqdn).contains("pool02.contoso.local");
        assertThat(topology.edgePoolsWithNextHop("pool01.contoso.local")).extracting(Pool::fqdn)
                .containsExactly("edge01.contoso.local");
        SqlStore sql01 = topology.sqlStore(new SqlStoreRef("sql01.contoso.local", "rtc")).orElseThrow();
        assertThat(sql01.mirrorStore()).contains(new SqlStoreRef("sql01m.contoso.local", "rtc"));
        assertThat(sql01.witnessStore()).contains(new SqlStoreRef("sqlw.contoso.local", "rtc"));
        assertThat(topology.pool("se01.contoso.local").orElseThrow().backupPoolFqdn()).isEmpty();
    }

    @Test
    void refusesAPairingThatIsNotReciprocal() {
        TopologyInvalidException e = invalid(paired().replace("        backupPool: pool01.contoso.local\n", ""));

        assertThat(e.problems()).containsExactly("sites[0].pools[0].backupPool: pairing is reciprocal: "
                + "pool02.contoso.local must name pool01.contoso.local as its backupPool");
    }

    @Test
    void refusesAnEnterprisePoolPairedWithAStandardEditionServer() {
        TopologyInvalidException e = invalid(paired().replace("        backupPool: pool02.contoso.local\n",
                "        backupPool: se01.contoso.local\n"));

        assertThat(e.problems()).contains("sites[0].pools[0].backupPool: a enterprise pool pairs only with a enterprise "
                + "pool, and se01.contoso.local is standard (Enterprise with Enterprise, Standard with Standard)");
    }

    @Test
    void refusesAnUnknownBackupPoolAndANextHopThatIsNotARegistrar() {
        TopologyInvalidException e = invalid(paired()
                .replace("        backupPool: pool02.contoso.local\n", "        backupPool: pool09.contoso.local\n")
                .replace("        nextHop: pool01.contoso.local\n", "        nextHop: pchat01.contoso.local\n"));

        assertThat(e.problems()).contains("sites[0].pools[0].backupPool: no pool 'pool09.contoso.local' in the topology",
                "sites[0].pools[1].nextHop: an Edge pool's next hop is a Front End pool, Standard Edition server or "
                        + "Director pool, and pchat01.contoso.local is persistent-chat");
    }

    @Test
    void theBackupPoolOfTheCentralManagementStoresPoolMustHoldTheStandbyStore() {
        String yaml = paired();
        int sql02 = yaml.indexOf("  - fqdn: sql02.contoso.local");
        int next = yaml.indexOf("  - fqdn: se01.contoso.local\n    instance: rtc");
        TopologyInvalidException e = invalid(yaml.substring(0, sql02)
                + yaml.substring(sql02, next).replace("[xds, lis, rtcxds", "[rtcxds") + yaml.substring(next));

        assertThat(e.problems()).containsExactly("sites[0].pools[0].backupPool: the pool hosts the Central Management "
                + "store, so its backup pool's SQL store sql02.contoso.local\\rtc holds the standby store and must list "
                + "the xds and lis databases");
    }

    @Test
    void pairingFieldsOnPoolsTheyDoNotApplyToAreRefused() {
        TopologyInvalidException e = invalid(paired()
                .replace("        persistentChatStore:", "        backupPool: pool01.contoso.local\n        persistentChatStore:")
                .replace("        backupPool: pool02.contoso.local\n", "        backupPool: pool02.contoso.local\n"
                        + "        nextHop: pool02.contoso.local\n"));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "sites[0].pools[2].backupPool: does not apply to a persistent-chat pool",
                "sites[0].pools[0].nextHop: does not apply to a enterprise pool");
    }

    @Test
    void refusesAMirrorThatIsThePrincipalAndAWitnessWithoutAMirror() {
        TopologyInvalidException e = invalid(paired()
                .replace("    mirror: sql01m.contoso.local\\rtc\n", "    mirror: SQL01.contoso.local\\rtc\n")
                .replace("    databases: [LcsLog, LcsCDR, QoEMetrics]\n",
                        "    databases: [LcsLog, LcsCDR, QoEMetrics]\n    witness: sqlw.contoso.local\\rtc\n"));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "sqlStores[0].mirror: the mirror must be another SQL Server instance than the principal sql01.contoso.local\\rtc",
                "sqlStores[3].witness: a witness needs a mirror: declare mirror (fqdn\\instance) first");
    }
}
