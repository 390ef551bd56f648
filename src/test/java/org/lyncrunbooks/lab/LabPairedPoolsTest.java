package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.lab.LabFixtures.run;
import static org.lyncrunbooks.lab.LabFixtures.runOk;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The lab's paired pools behave as Microsoft documents pool failover and failback (JJ204678, JJ204945, JJ205252):
 * each cmdlet fails with Lync's reason when a precondition is missing, and users sign in where Lync would let them,
 * with the data the Backup Service had copied.
 */
class LabPairedPoolsTest {

    static final String POOL01 = "pool01.lab.contoso.local";
    static final String POOL02 = "pool02.lab.contoso.local";
    static final SqlStoreRef BE02 = new SqlStoreRef("be02.lab.contoso.local", "rtc");

    @TempDir
    Path dir;
    LabFarm farm;
    LabShell shell;
    String user;

    @BeforeEach
    void pairedFarm() {
        farm = LabFixtures.farm(dir.resolve("farm"), FarmShape.PAIRED_POOLS);
        shell = new LabShell(farm);
        user = (String) farm.tables(new SqlStoreRef("be01.lab.contoso.local", "rtc"), "rtcxds").get("users").stream()
                .filter(r -> POOL01.equals(r.get("registrar_pool"))).findFirst().orElseThrow().get("sip_uri");
    }

    private static Cmdlet failover() {
        return Cmdlet.of("Invoke-CsPoolFailover").with("PoolFqdn", POOL01).withSwitch("DisasterMode").withSwitch("Verbose");
    }

    private void failOverCentralManagementStore() {
        runOk(shell, Cmdlet.of("Invoke-CsManagementServerFailover").with("BackupSqlServerFqdn", BE02.fqdn())
                .with("BackupSqlInstanceName", BE02.instance()).withSwitch("Force"));
    }

    @Test
    void theBackupServiceReportsSteadyStateAndWhereTheCentralManagementStoreIs() {
        assertThat(runOk(shell, Cmdlet.of("Get-CsBackupServiceStatus").with("PoolFqdn", POOL01)).stdout())
                .contains("OverallExportStatus : SteadyState").contains("OverallImportStatus : SteadyState");
        assertThat(runOk(shell, Cmdlet.of("Get-CsBackupServiceConfiguration")).stdout()).contains("SyncInterval : 00:02:00");
        assertThat(runOk(shell, Cmdlet.of("Invoke-CsManagementServerFailover").withSwitch("WhatIf")).stdout())
                .contains("on target \"" + POOL01 + "\"");
        assertThat(runOk(shell, Cmdlet.of("Get-CsPoolBackupRelationship").with("PoolFqdn", POOL01)).stdout())
                .contains("BackupPoolFqdn : " + POOL02);
        assertThat(runOk(shell, Cmdlet.of("Get-CsManagementStoreReplicationStatus").withSwitch("CentralManagementStoreStatus"))
                .stdout()).contains("ActiveMasterFqdn         : " + POOL01);
    }

    @Test
    void aChangeIsCopiedOnlyAtTheNextSyncSoAFailoverLosesWhatChangedSince() {
        farm.addContact(user, "sip:kept@lab.contoso.com");
        assertThat(runOk(shell, Cmdlet.of("Get-CsBackupServiceStatus").with("PoolFqdn", POOL01)).stdout())
                .contains("OverallExportStatus : NormalState");
        runOk(shell, Cmdlet.of("Invoke-CsBackupServiceSync").with("PoolFqdn", POOL01));
        farm.addContact(user, "sip:lost@lab.contoso.com");
        farm.failSite("Site1");

        assertThatThrownBy(() -> farm.signIn(user)).hasMessageContaining("cannot sign in");
        failOverCentralManagementStore();
        runOk(shell, Cmdlet.of("Set-CsEdgeServer").with("Identity", "EdgeServer:edge01.lab.contoso.local")
                .with("Registrar", "Registrar:" + POOL02));
        assertThat(runOk(shell, failover()).stdout()).contains("to " + POOL02 + " in disaster mode");

        LabFarm.UserSignIn signIn = farm.signIn(user);
        assertThat(signIn.servingPool()).isEqualTo(POOL02);
        assertThat(signIn.contacts()).contains("sip:kept@lab.contoso.com").doesNotContain("sip:lost@lab.contoso.com");
    }

    @Test
    void poolFailoverFailsUntilTheCentralManagementStoreIsFailedOver() {
        farm.failSite("Site1");

        ShellOutput out = run(shell, failover());

        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr()).contains("Central Management store is not fully failed over");
        assertThat(run(shell, Cmdlet.of("Set-CsEdgeServer").with("Identity", "EdgeServer:edge01.lab.contoso.local")
                .with("Registrar", "Registrar:" + POOL02)).stderr()).contains("A network-related or instance-specific error");
        assertThat(runOk(shell, Cmdlet.of("Get-CsManagementStoreReplicationStatus").withSwitch("CentralManagementStoreStatus"))
                .stdout()).contains("ActiveMasterFqdn         : \n");
        assertThat(farm.failedOverPools()).isEmpty();
    }

    @Test
    void poolFailoverFailsWhileAnEdgeUsesThePoolAsNextHop() {
        farm.failSite("Site1");
        failOverCentralManagementStore();
        assertThat(runOk(shell, Cmdlet.of("Get-CsManagementStoreReplicationStatus")).stdout())
                .contains("UpToDate           : True\nReplicaFqdn        : fe03.lab.contoso.local")
                .contains("UpToDate           : False\nReplicaFqdn        : fe01.lab.contoso.local");

        ShellOutput out = run(shell, failover());

        assertThat(out.stderr()).contains("This Front-end pool \"" + POOL01 + "\" is specified in topology as the next "
                + "hop for the Edge server");
        assertThat(farm.failedOverPools()).isEmpty();
    }

    @Test
    void theCentralManagementStoreFailsOverOnlyToTheBackupPoolsBackEndAndOnlyWithForceWhenItIsLost() {
        farm.failPool(POOL01);

        assertThat(run(shell, Cmdlet.of("Invoke-CsManagementServerFailover").with("BackupSqlServerFqdn", BE02.fqdn())
                .with("BackupSqlInstanceName", BE02.instance())).stderr()).contains("Add -Force");
        assertThat(run(shell, Cmdlet.of("Invoke-CsManagementServerFailover").with("BackupSqlServerFqdn", "be01.lab.contoso.local")
                .with("BackupSqlInstanceName", "rtc").withSwitch("Force")).stderr()).contains("is not the Back End of");
        failOverCentralManagementStore();
        assertThat(farm.centralManagementStoreLocation()).contains(BE02);
        assertThat(runOk(shell, Cmdlet.of("Invoke-CsManagementServerFailover").withSwitch("WhatIf")).stdout())
                .contains("on target \"" + POOL02 + "\"");
    }

    @Test
    void aFailedPoolNeedsDisasterModeAndFailingOverThePartnerOfAFailedOverPoolIsRefused() {
        farm.failPool(POOL01);
        failOverCentralManagementStore();
        runOk(shell, Cmdlet.of("Set-CsEdgeServer").with("Identity", "EdgeServer:edge01.lab.contoso.local")
                .with("Registrar", "Registrar:" + POOL02));
        assertThat(run(shell, Cmdlet.of("Invoke-CsPoolFailover").with("PoolFqdn", POOL01)).stderr())
                .contains("-DisasterMode");
        runOk(shell, failover());

        assertThat(run(shell, failover()).stderr()).contains("is already failed over to \"" + POOL02 + "\"");
        assertThat(run(shell, Cmdlet.of("Invoke-CsPoolFailover").with("PoolFqdn", POOL02).withSwitch("DisasterMode"))
                .stderr()).contains("Fail them back with Invoke-CsPoolFailBack -PoolFqdn " + POOL01);
    }

    @Test
    void failbackWaitsForTheRepairedPoolAndSteadyStateThenBringsHomeWhatChangedDuringTheFailover() {
        farm.failSite("Site1");
        failOverCentralManagementStore();
        runOk(shell, Cmdlet.of("Set-CsEdgeServer").with("Identity", "EdgeServer:edge01.lab.contoso.local")
                .with("Registrar", "Registrar:" + POOL02));
        runOk(shell, failover());
        farm.addContact(user, "sip:during-failover@lab.contoso.com");
        Cmdlet failback = Cmdlet.of("Invoke-CsPoolFailback").with("PoolFqdn", POOL01).withSwitch("Verbose");

        assertThat(run(shell, failback).stderr()).contains("is not available");
        farm.repairSite("Site1");
        assertThat(run(shell, failback).stderr()).contains("is not in steady state");
        runOk(shell, Cmdlet.of("Invoke-CsBackupServiceSync").with("PoolFqdn", POOL02));
        runOk(shell, failback);

        LabFarm.UserSignIn signIn = farm.signIn(user);
        assertThat(signIn.servingPool()).isEqualTo(POOL01);
        assertThat(signIn.contacts()).contains("sip:during-failover@lab.contoso.com");
        assertThat(farm.failedOverPools()).isEmpty();
    }

    @Test
    void theServersOfAFailedPoolDoNotAnswerAndComeBackAsTheyWere() {
        Cmdlet services = Cmdlet.of("Get-CsWindowsService").with("ComputerName", "fe01.lab.contoso.local");
        assertThat(runOk(shell, services).stdout()).contains("Running  RTCSRV");
        farm.failPool(POOL01);

        assertThat(run(shell, services).stderr()).contains("Cannot open Service Control Manager on computer");
        assertThat(farm.resolves("fe01.lab.contoso.local")).isFalse();
        assertThatThrownBy(() -> farm.tables(new SqlStoreRef("be01.lab.contoso.local", "rtc"), "rtcxds"))
                .hasMessageContaining("A network-related or instance-specific error");
        farm.repairPool(POOL01);
        assertThat(runOk(shell, services).stdout()).contains("Running  RTCSRV");
        assertThat(farm.usersHomedOn(POOL01)).contains(user);
    }

    @Test
    void theCmdletsAcceptOnlyTheirDocumentedParameters() {
        assertThat(run(shell, Cmdlet.of("Invoke-CsPoolFailover").with("PoolFqdn", POOL01).withSwitch("SkipDataVerification"))
                .stderr()).contains("A parameter cannot be found that matches parameter name 'SkipDataVerification'");
        assertThat(run(shell, Cmdlet.of("Get-CsDatabaseMirrorState").with("PoolFqdn", POOL02)).stderr())
                .contains("missing mandatory parameters: DatabaseType");
        assertThat(runOk(shell, Cmdlet.of("Get-CsDatabaseMirrorState").with("PoolFqdn", POOL02)
                .with("DatabaseType", "Centralmgmt")).stdout()).contains("DatabaseName             : xds")
                .contains("StateOnPrimary           : Principal");
    }

    @Test
    void afterFailbackTheCentralManagementStoreFailsBackInNormalModeOnlyWhileItAnswersAndEveryReplicaReadsTrue() {
        farm.failSite("Site1");
        failOverCentralManagementStore();
        farm.failPool(POOL02);
        ShellOutput down = run(shell, Cmdlet.of("Invoke-CsManagementServerFailover").withSwitch("Force"));
        assertThat(down.succeeded()).isFalse();
        assertThat(down.stderr()).contains("cannot be reached");

        farm.repairPool(POOL02);
        farm.repairSite("Site1");
        runOk(shell, Cmdlet.of("Invoke-CsManagementServerFailover").withSwitch("Force"));

        assertThat(runOk(shell, Cmdlet.of("Get-CsManagementStoreReplicationStatus").withSwitch("CentralManagementStoreStatus"))
                .stdout()).contains("ActiveMasterFqdn         : " + POOL01);
        assertThat(runOk(shell, Cmdlet.of("Get-CsManagementStoreReplicationStatus")).stdout()).doesNotContain("False");
    }
}
