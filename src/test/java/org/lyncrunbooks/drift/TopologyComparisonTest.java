package org.lyncrunbooks.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.Site;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;

class TopologyComparisonTest {

    private static final SqlStoreRef BE01 = new SqlStoreRef("be01.contoso.local", "rtc");
    private static final SqlStoreRef BE02 = new SqlStoreRef("be02.contoso.local", "rtc");
    private static final List<LyncDatabase> BACK_END = List.of(LyncDatabase.XDS, LyncDatabase.LIS, LyncDatabase.RTCXDS,
            LyncDatabase.RTCSHARED, LyncDatabase.RTCAB, LyncDatabase.RTCDYN, LyncDatabase.RGSCONFIG);

    @Test
    void theSameFarmHasNoDifferences() {
        assertThat(TopologyComparison.compare(farm(), farm())).isEmpty();
    }

    @Test
    void fqdnsAndUncPathsInAnotherLetterCaseAreNoDifference() {
        Topology upper = topology(List.of(pool("POOL01.Contoso.Local", BE01.fqdn().toUpperCase() + "\\RTC")),
                List.of(new SqlStore("BE01.CONTOSO.LOCAL", "RTC", false, BACK_END)),
                List.of(new FileStore("fs", "\\\\FS01.contoso.local\\LyncShare", null)));
        assertThat(TopologyComparison.compare(farm(), upper)).isEmpty();
        assertThat(TopologyComparison.compare(upper, farm())).isEmpty();
    }

    @Test
    void aPoolWithANewBackEndAddedToTheFarmIsTwoUnprotectedItemsWithTheYamlToAdd() {
        Topology grown = topology(List.of(pool("pool01.contoso.local", BE01.display()), pool("pool02.contoso.local",
                BE02.display())), List.of(new SqlStore(BE01.fqdn(), "rtc", false, BACK_END),
                new SqlStore(BE02.fqdn(), "rtc", false, BACK_END.subList(2, BACK_END.size()))), farm().fileStores());

        List<TopologyDifference> differences = TopologyComparison.compare(farm(), grown);

        assertThat(differences).containsExactly(
                new TopologyDifference(TopologyDifference.Change.ADDED, "pool", "pool02.contoso.local"),
                new TopologyDifference(TopologyDifference.Change.ADDED, "SQL store", "be02.contoso.local\\rtc"));
        String yaml = TopologyComparison.yamlToAdd(farm(), grown, differences);
        assertThat(yaml).contains("sites:\n  - name: Site1").contains("      - fqdn: pool02.contoso.local\n        kind: enterprise\n")
                .contains("        backEnd: 'be02.contoso.local\\rtc'\n")
                .contains("sqlStores:\n  - fqdn: be02.contoso.local\n    instance: rtc\n    databases: [rtcxds, rtcshared, rtcab, rtcdyn, rgsconfig]\n")
                .doesNotContain("pool01");
        assertThat(TopologyComparison.subject(differences)).isEqualTo("pool pool02.contoso.local, SQL store be02.contoso.local\\rtc");
    }

    @Test
    void aDatabaseAddedToAKnownStoreCountsOnlyWhenABackupWouldTakeIt() {
        List<LyncDatabase> more = new ArrayList<>(BACK_END);
        more.add(LyncDatabase.LCSLOG);
        more.add(LyncDatabase.RGSDYN);
        Topology grown = topology(farm().sites().get(0).pools(), List.of(new SqlStore(BE01.fqdn(), "rtc", false, more)),
                farm().fileStores());

        List<TopologyDifference> differences = TopologyComparison.compare(farm(), grown);

        assertThat(differences).as("rgsdyn is rebuilt by Lync (D1), LcsLog is backed up (D13)").containsExactly(
                new TopologyDifference(TopologyDifference.Change.ADDED, "database", "be01.contoso.local\\rtc/LcsLog"));
        assertThat(TopologyComparison.yamlToAdd(farm(), grown, differences))
                .contains("# add to the databases of be01.contoso.local\\rtc: LcsLog");
    }

    @Test
    void aFileStoreAddedToTheFarmIsListedWithItsMountPathToFillIn() {
        List<FileStore> stores = new ArrayList<>(farm().fileStores());
        stores.add(new FileStore("fs02-lyncshare", "\\\\fs02.contoso.local\\lyncshare", null));
        Topology grown = topology(farm().sites().get(0).pools(), farm().sqlStores(), stores);

        List<TopologyDifference> differences = TopologyComparison.compare(farm(), grown);

        assertThat(differences).containsExactly(new TopologyDifference(TopologyDifference.Change.ADDED, "file store",
                "\\\\fs02.contoso.local\\lyncshare"));
        assertThat(TopologyComparison.yamlToAdd(farm(), grown, differences)).isEqualTo("fileStores:\n"
                + "  - name: 'fs02-lyncshare'\n    unc: '\\\\fs02.contoso.local\\lyncshare'\n"
                + "    mountPath: '<fill in: the folder where this application reads \\\\fs02.contoso.local\\lyncshare>'\n");
    }

    @Test
    void whatTheFarmNoLongerHasIsAChangeButNothingUnprotected() {
        Topology shrunk = topology(List.of(), List.of(), List.of());
        List<TopologyDifference> differences = TopologyComparison.compare(farm(), shrunk);

        assertThat(differences).extracting(TopologyDifference::change).containsOnly(TopologyDifference.Change.REMOVED);
        assertThat(differences).extracting(TopologyDifference::kind).containsExactly("pool", "SQL store", "file store");
        DriftReport report = new DriftReport(java.time.Instant.EPOCH, "test", differences, "", null);
        assertThat(report.unprotected()).isEmpty();
        assertThat(differences.get(0).describe()).isEqualTo("pool pool01.contoso.local is in the topology file but no "
                + "longer in the farm");
    }

    @Test
    void theSameDifferencesHaveTheSameSignatureInAnyOrder() {
        TopologyDifference a = new TopologyDifference(TopologyDifference.Change.ADDED, "pool", "pool02.contoso.local");
        TopologyDifference b = new TopologyDifference(TopologyDifference.Change.ADDED, "file store", "\\\\fs02\\x");
        assertThat(TopologyDriftService.signature(List.of(a, b))).isEqualTo(TopologyDriftService.signature(List.of(b, a)))
                .isNotEqualTo(TopologyDriftService.signature(List.of(a)));
    }

    private static Topology farm() {
        return topology(List.of(pool("pool01.contoso.local", BE01.display())),
                List.of(new SqlStore(BE01.fqdn(), "rtc", false, BACK_END)),
                List.of(new FileStore("fs", "\\\\fs01.contoso.local\\lyncshare", Path.of("/mnt/fs"))));
    }

    private static Pool pool(String fqdn, String backEnd) {
        int slash = backEnd.indexOf('\\');
        return new Pool(fqdn, PoolKind.ENTERPRISE, "Site1", List.of("fe01." + fqdn.substring(fqdn.indexOf('.') + 1)),
                new SqlStoreRef(backEnd.substring(0, slash), backEnd.substring(slash + 1)), true, true, "fs", null, null);
    }

    private static Topology topology(List<Pool> pools, List<SqlStore> stores, List<FileStore> fileStores) {
        return new Topology("Contoso", null, pools.isEmpty() ? List.of() : List.of(new Site("Site1", pools)), stores,
                fileStores, null, null);
    }
}
