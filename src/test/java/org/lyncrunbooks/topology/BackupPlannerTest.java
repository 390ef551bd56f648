package org.lyncrunbooks.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupPlannerTest {

    @TempDir
    Path dir;

    @Test
    void followsMicrosoftsClassificationForTheTwoPoolFarm() {
        BackupPlan plan = BackupPlanner.plan(TopologyReader.read(TopologyFixtures.twoPoolFarm(dir)));

        assertThat(plan.items()).extracting(BackupItem::itemId, BackupItem::kind, BackupItem::target).containsExactly(
                tuple("cms:configuration", "cs-configuration", "cms/CsConfiguration.zip"),
                tuple("cms:lis", "cs-lis-configuration", "cms/LisConfiguration.zip"),
                tuple("userdata:pool01.contoso.local", "cs-user-data", "userdata/pool01.contoso.local.zip"),
                tuple("userdata:pool02.contoso.local", "cs-user-data", "userdata/pool02.contoso.local.zip"),
                tuple("userdata:se01.contoso.local", "cs-user-data", "userdata/se01.contoso.local.zip"),
                tuple("rgs:pool01.contoso.local", "cs-rgs-configuration", "rgs/pool01.contoso.local.zip"),
                tuple("rgs:se01.contoso.local", "cs-rgs-configuration", "rgs/se01.contoso.local.zip"),
                tuple("persistentchat:pchat01.contoso.local", "cs-persistent-chat-data", "persistentchat/pchat01.contoso.local.zip"),
                tuple("sql:sqlmon.contoso.local_archmon:LcsLog", "sqlserver-database", "sql/sqlmon.contoso.local_archmon/LcsLog.bak"),
                tuple("sql:sqlmon.contoso.local_archmon:LcsCDR", "sqlserver-database", "sql/sqlmon.contoso.local_archmon/LcsCDR.bak"),
                tuple("sql:sqlmon.contoso.local_archmon:QoEMetrics", "sqlserver-database", "sql/sqlmon.contoso.local_archmon/QoEMetrics.bak"),
                tuple("filestore:redmond-fs", "file-store", "filestore/redmond-fs"),
                tuple("filestore:dublin-fs", "file-store", "filestore/dublin-fs"),
                tuple("orchestrator:engine", "orchestrator-database", "orchestrator"));
        assertThat(plan.items().get(8).source()).isEqualTo("sqlmon.contoso.local\\archmon/LcsLog");
    }

    @Test
    void listsTheTransientDatabasesWithTheReason() {
        BackupPlan plan = BackupPlanner.plan(TopologyReader.read(TopologyFixtures.twoPoolFarm(dir)));

        assertThat(plan.excluded()).extracting(BackupPlan.Exclusion::name).containsOnly(
                "rtcshared", "rtcab", "rtcdyn", "rgsdyn", "cpsdyn", "mgccomp");
        assertThat(plan.excluded()).filteredOn(e -> e.name().equals("rtcdyn")).hasSize(3)
                .allSatisfy(e -> assertThat(e.reason()).contains("transient").contains("(D1)"));
        assertThat(plan.excluded()).filteredOn(e -> e.name().equals("mgccomp"))
                .extracting(BackupPlan.Exclusion::source).containsExactly("sqlpc.contoso.local\\pchat/mgccomp");
    }

    @Test
    void backsUpPersistentChatBySqlWhenConfiguredSo() {
        Path file = TopologyFixtures.write(dir, TopologyFixtures.twoPoolFarmYaml(dir)
                .replace("persistentChatStore: sqlpc.contoso.local\\pchat",
                        "persistentChatStore: sqlpc.contoso.local\\pchat\n        persistentChatBackup: sql"));

        BackupPlan plan = BackupPlanner.plan(TopologyReader.read(file));

        assertThat(plan.items()).extracting(BackupItem::itemId)
                .contains("sql:sqlpc.contoso.local_pchat:mgc")
                .doesNotContain("persistentchat:pchat01.contoso.local");
    }
}
