package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.BackupPlan;
import org.lyncrunbooks.topology.BackupPlanner;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyReader;

/** The large lab farm ({@code lync.lab.size: large}): the size asked for, a valid topology, a farm that backs up. */
class LargeFarmTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultLargeFarmHasTenPoolsTwentySqlServersThreeHundredDatabasesAndFortyFileStores() throws IOException {
        FarmLayout layout = new FarmLayout(dir.resolve("farm"));
        Path file = Files.createDirectories(layout.root()).resolve("topology.yaml");
        Files.writeString(file, LargeFarm.topologyYaml(layout, LabProperties.LargeFarmSize.defaults(), 2013));

        Topology topology = TopologyReader.read(file);

        assertThat(topology.pools().count()).isEqualTo(10);
        assertThat(topology.sites()).hasSize(2);
        assertThat(topology.pools().filter(p -> p.kind() == PoolKind.ENTERPRISE).count()).isEqualTo(7);
        assertThat(topology.pools().filter(p -> p.hostsCentralManagementStore()).count()).isEqualTo(1);
        assertThat(topology.sqlStores().stream().filter(s -> !s.collocated()).map(SqlStore::fqdn)
                .collect(Collectors.toSet())).as("SQL Server machines").hasSize(20);
        assertThat(topology.sqlStores().stream().mapToInt(s -> s.databases().size()).sum()).isEqualTo(300);
        assertThat(topology.fileStores()).hasSize(40);
        BackupPlan plan = BackupPlanner.plan(topology);
        assertThat(plan.items()).filteredOn(i -> i instanceof BackupItem.SqlServerDatabase).hasSize(240);
        assertThat(plan.items()).filteredOn(i -> i instanceof BackupItem.FileStoreTree).hasSize(40);
        assertThat(plan.items()).filteredOn(i -> i instanceof BackupItem.CsUserData).hasSize(8);
    }

    @Test
    void aReducedLargeFarmIsGeneratedWholeAndBacksUpLikeTheDefaultOne() {
        LabFarm farm = new LabFarm(new LabProperties(dir.resolve("farm"), 0, 4, 6, Duration.ZERO,
                LabProperties.FarmSize.LARGE, new LabProperties.LargeFarmSize(5, 4, 40, 6)));

        Topology topology = farm.topology();

        assertThat(topology.pools().count()).isEqualTo(5);
        assertThat(topology.sqlStores().stream().mapToInt(s -> s.databases().size()).sum()).isBetween(38, 42);
        assertThat(topology.fileStores()).hasSize(6).allSatisfy(store -> assertThat(store.mountPath()).isDirectory());
        assertThat(farm.tables(topology.sqlStores().get(topology.sqlStores().size() - 1).ref(), "LcsCDR")).isNotEmpty();
        assertThat(BackupPlanner.plan(topology).items()).extracting(BackupItem::itemId)
                .contains("cms:configuration", "userdata:pool02.lab.contoso.local", "filestore:lab-fs06",
                        "sql:mon01.lab.contoso.local_archmon01:LcsLog");
    }

    @Test
    void refusesALargeFarmTooSmallToHoldItsParts() {
        assertThatThrownBy(() -> new LabProperties.LargeFarmSize(3, 5, 10, 1))
                .hasMessageContaining("lync.lab.large.pools must be at least 4");
        assertThatThrownBy(() -> new LabProperties.LargeFarmSize(10, 5, 10, 1))
                .hasMessageContaining("lync.lab.large.sql-servers must be at least 9");
    }
}
