package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.lab.LabFixtures.BE;
import static org.lyncrunbooks.lab.LabFixtures.FE1;
import static org.lyncrunbooks.lab.LabFixtures.FE2;
import static org.lyncrunbooks.lab.LabFixtures.POOL;
import static org.lyncrunbooks.lab.LabFixtures.SE;
import static org.lyncrunbooks.lab.LabFixtures.SE_SQL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.sqlserver.SqlServerClient.DatabaseState;

class LabFarmRebuildTest {

    @TempDir
    Path dir;

    private LabFarm farm;
    private LabSqlServer sql;

    @BeforeEach
    void farm() {
        farm = LabFixtures.farm(dir.resolve("farm"));
        sql = new LabSqlServer(farm);
    }

    @Test
    void aDestroyedServerNoLongerResolvesWhileItsPoolStillDoes() {
        farm.destroyServer(FE1);

        ServerState state = farm.serverState(FE1);
        assertThat(state.operatingSystemInstalled()).isFalse();
        assertThat(state.componentsInstalled()).isFalse();
        assertThat(state.certificate()).isNull();
        assertThat(state.runningServices()).isEmpty();
        assertThat(state.pool()).isEqualTo(POOL);
        assertThat(farm.resolves(FE1)).isFalse();
        assertThat(farm.resolves(POOL)).isTrue();
        farm.destroyServer(FE2);
        assertThat(farm.resolves(POOL)).isFalse();
        assertThat(farm.resolves("unknown.lab.contoso.local")).isFalse();
        assertThat(farm.resolves("not a name")).isFalse();
    }

    @Test
    void rebuildingAFrontEndGivesItNewComponentsWithANewServiceInstanceId() {
        ServerState before = farm.serverState(FE1);
        farm.destroyServer(FE1);

        farm.installOperatingSystem(FE1);
        ServerState clean = farm.serverState(FE1);
        ServerState.Certificate certificate = farm.installCertificate(FE1);
        farm.runDeploymentWizard(FE1);
        ServerState rebuilt = farm.serverState(FE1);

        assertThat(clean.operatingSystemInstalled()).isTrue();
        assertThat(clean.localConfigurationStore()).isFalse();
        assertThat(clean.componentsInstalled()).isFalse();
        assertThat(farm.resolves(FE1)).isTrue();
        assertThat(rebuilt.localConfigurationStore()).isTrue();
        assertThat(rebuilt.componentsInstalled()).isTrue();
        assertThat(rebuilt.serviceInstanceId()).isNotBlank().isNotEqualTo(before.serviceInstanceId());
        assertThat(rebuilt.certificate()).isEqualTo(certificate);
        assertThat(certificate.thumbprint()).matches("[0-9A-F]{40}").isNotEqualTo(before.certificate().thumbprint());
        assertThat(certificate.subjectAlternativeNames()).contains(FE1, POOL);
        assertThat(certificate.notAfter()).isAfter(Instant.now());
        assertThat(rebuilt.runningServices()).contains("RTCSRV", "RTCRGS");
    }

    @Test
    void aRestoredCertificateKeepsItsThumbprintAndTheWizardRequestsOneWhenNoneIsInstalled() {
        ServerState.Certificate original = farm.serverState(FE2).certificate();
        farm.installOperatingSystem(FE2);
        farm.installCertificate(FE2, original);
        farm.runDeploymentWizard(FE2);
        farm.installOperatingSystem(FE1);
        farm.runDeploymentWizard(FE1);

        assertThat(farm.serverState(FE2).certificate()).isEqualTo(original);
        assertThat(farm.serverState(FE1).certificate()).isNotNull();
        assertThat(farm.serverState(FE1).certificate().subject()).isEqualTo("CN=" + FE1);
    }

    @Test
    void theDeploymentWizardNeedsAnOperatingSystemAndAReachableCms() {
        farm.destroyServer(FE1);
        assertThatThrownBy(() -> farm.runDeploymentWizard(FE1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no operating system");

        farm.installOperatingSystem(FE1);
        farm.destroySqlInstance(BE);
        assertThatThrownBy(() -> farm.runDeploymentWizard(FE1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("step 1 (Install Local Configuration Store)")
                .hasMessageContaining("A network-related or instance-specific error");
        assertThat(farm.serverState(FE1).componentsInstalled()).isFalse();
        assertThatThrownBy(() -> farm.runDeploymentWizard("be01.lab.contoso.local"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Lync server");
        assertThatThrownBy(() -> farm.serverState("nope.lab.contoso.local"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a machine of the lab farm");
    }

    @Test
    void aLostStandardEditionServerTakesItsSqlExpressAndFileStoreAndTheWizardRecreatesTheDatabasesEmpty() throws Exception {
        Path fileStore = farm.topology().fileStore("lab-fs02").orElseThrow().mountPath();

        farm.destroyServer(SE);

        assertThat(farm.directory().resolve("sql").resolve(SE_SQL.folderName())).doesNotExist();
        try (var files = Files.list(fileStore)) {
            assertThat(files).isEmpty();
        }
        assertThat(farm.fileStoreAclsSet("lab-fs02")).isFalse();
        assertThat(farm.fileStoreAclsSet("lab-fs01")).isTrue();

        farm.installOperatingSystem(SE);
        farm.runDeploymentWizard(SE);

        assertThat(sql.productVersion(SE_SQL)).isEqualTo("11.0.7001.0");
        for (String db : List.of("rtcxds", "rtcshared", "rtcab", "rtcdyn", "rgsconfig", "rgsdyn", "cpsdyn")) {
            assertThat(sql.databaseState(SE_SQL, db)).as(db).isEqualTo(DatabaseState.EMPTY);
        }
        assertThat(farm.serverState(SE).runningServices()).contains("RTCSRV");
    }

    @Test
    void sqlServerCanOnlyBeInstalledOnAMachineWithAnOperatingSystemAndOnlyOnce() {
        farm.destroyServer("be01.lab.contoso.local");
        assertThat(farm.resolves("be01.lab.contoso.local")).isFalse();

        assertThatThrownBy(() -> farm.installSqlServer(BE, "11.0.7001.0"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no operating system");
        farm.installOperatingSystem("be01.lab.contoso.local");
        farm.installSqlServer(BE, "11.0.7001.0");
        assertThatThrownBy(() -> farm.installSqlServer(BE, "11.0.7001.0"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already installed");
        assertThat(sql.databaseState(BE, "xds")).isEqualTo(DatabaseState.ABSENT);
    }

    @Test
    void wipingAFileStoreEmptiesItsTreeOnly() throws Exception {
        Path fs01 = farm.topology().fileStore("lab-fs01").orElseThrow().mountPath();
        Path fs02 = farm.topology().fileStore("lab-fs02").orElseThrow().mountPath();

        farm.wipeFileStore("lab-fs01");

        assertThat(fs01).isDirectory();
        try (var files = Files.list(fs01)) {
            assertThat(files).isEmpty();
        }
        try (var files = Files.list(fs02)) {
            assertThat(files).isNotEmpty();
        }
        assertThatThrownBy(() -> farm.wipeFileStore("../sql")).isInstanceOf(IllegalArgumentException.class);
    }
}
