package org.lyncrunbooks.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryPlannerTest {

    @TempDir
    Path dir;
    Topology topology;

    @BeforeEach
    void readFarm() {
        topology = TopologyReader.read(TopologyFixtures.twoPoolFarm(dir));
    }

    @Test
    void theCmsBackEndIsR4() {
        RecoveryPlan plan = plan("sql01.contoso.local");

        assertThat(plan.procedure()).isEqualTo(RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST);
        assertThat(plan.procedure().code()).isEqualTo("R4");
        assertThat(plan.pool()).map(Pool::fqdn).contains("pool01.contoso.local");
        assertThat(plan.centralManagementStoreOnStandardEdition()).isFalse();
        assertThat(plan.restoresUserData()).isTrue();
        assertThat(plan.restoresResponseGroup()).isTrue();
        assertThat(plan.sqlStores()).extracting(SqlStore::instance).containsExactly("rtc");
    }

    @Test
    void anotherBackEndIsR5() {
        RecoveryPlan plan = plan("SQL02.contoso.local");

        assertThat(plan.procedure()).isEqualTo(RecoveryProcedure.ENTERPRISE_BACK_END);
        assertThat(plan.failedServerFqdn()).isEqualTo("sql02.contoso.local");
        assertThat(plan.restoresResponseGroup()).isFalse();
        assertThat(plan.role()).contains("pool02.contoso.local");
    }

    @Test
    void aStandardEditionServerIsR3WithItsFileStore() {
        RecoveryPlan plan = plan("se01.contoso.local");

        assertThat(plan.procedure()).isEqualTo(RecoveryProcedure.STANDARD_EDITION);
        assertThat(plan.sqlStores()).extracting(SqlStore::instance).containsExactly("rtc");
        assertThat(plan.restoresResponseGroup()).isTrue();
    }

    @Test
    void frontEndsAndEdgeServersAreR8() {
        assertThat(plan("fe02.contoso.local").procedure()).isEqualTo(RecoveryProcedure.MEMBER_SERVER);
        assertThat(plan("edge01a.contoso.local").procedure()).isEqualTo(RecoveryProcedure.MEMBER_SERVER);
        assertThat(plan("pc01.contoso.local").procedure()).isEqualTo(RecoveryProcedure.MEMBER_SERVER);
        assertThat(plan("fe02.contoso.local").restoresUserData()).isFalse();
    }

    @Test
    void storesAndFileServersHaveTheirOwnProcedures() {
        assertThat(plan("sqlmon.contoso.local").procedure()).isEqualTo(RecoveryProcedure.MONITORING_ARCHIVING_STORE);
        assertThat(plan("sqlmon.contoso.local").holdsMonitoringOrArchiving()).isTrue();
        assertThat(plan("sqlpc.contoso.local").procedure()).isEqualTo(RecoveryProcedure.PERSISTENT_CHAT_STORE);
        assertThat(plan("sqlpc.contoso.local").pool()).map(Pool::fqdn).contains("pchat01.contoso.local");
        assertThat(plan("fs01.contoso.local").procedure()).isEqualTo(RecoveryProcedure.FILE_STORE);
        assertThat(plan("fs01.contoso.local").fileStore()).map(FileStore::name).contains("redmond-fs");
    }

    @Test
    void knowsNothingOfServersOutsideTheTopology() {
        assertThat(RecoveryPlanner.plan(topology, "exchange01.contoso.local")).isEmpty();
        assertThat(RecoveryPlanner.plan(topology, "")).isEmpty();
        assertThat(RecoveryPlanner.plan(topology, null)).isEmpty();
        assertThat(RecoveryPlanner.plan(topology, "pool01.contoso.local")).as("an Enterprise pool is not a server").isEmpty();
    }

    private RecoveryPlan plan(String fqdn) {
        return RecoveryPlanner.plan(topology, fqdn).orElseThrow();
    }
}
