package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.lab.LabFixtures.POOL;
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
 * The lab's mirrored Back End behaves as Microsoft documents it (H5, H17, P3, R6, R7 and the cmdlet reference):
 * the witness fails over on its own, without one {@code Invoke-CsDatabaseFailover} needs {@code -Force} when the
 * principal is lost, a side that is down cannot become principal, and the mirror reads synchronized again only after
 * {@code Uninstall-CsMirrorDatabase} and {@code Install-CsMirrorDatabase} onto a side that answers and is clean.
 */
class LabMirroredBackEndTest {

    static final String BE01 = "be01.lab.contoso.local";
    static final String BE01M = "be01m.lab.contoso.local";
    static final String WITNESS = "sqlw01.lab.contoso.local";
    static final SqlStoreRef MIRROR = new SqlStoreRef(BE01M, "rtc");

    @TempDir
    Path dir;
    LabFarm farm;
    LabShell shell;
    String user;

    @BeforeEach
    void mirroredFarm() {
        farm = LabFixtures.farm(dir.resolve("farm"), FarmShape.MIRRORED_BACK_END);
        shell = new LabShell(farm);
        user = farm.usersHomedOn(POOL).get(0);
    }

    private String state(String type) {
        return runOk(shell, Cmdlet.of("Get-CsDatabaseMirrorState").with("PoolFqdn", POOL).with("DatabaseType", type))
                .stdout();
    }

    private static Cmdlet failover(String type, String newPrincipal) {
        return Cmdlet.of("Invoke-CsDatabaseFailover").with("PoolFqdn", POOL).with("DatabaseType", type)
                .with("NewPrincipal", newPrincipal);
    }

    private static Cmdlet installMirror() {
        return Cmdlet.of("Install-CsMirrorDatabase").withSwitch("ConfiguredDatabases")
                .with("FileShare", "\\\\fs01.lab.contoso.local\\mirrorshare").with("SqlServerFqdn", BE01M)
                .withSwitch("DropExistingDatabasesOnMirror");
    }

    private void uninstallAll(String principal) {
        for (String type : new String[] {"User", "CentralMgmt", "Application"}) {
            runOk(shell, Cmdlet.of("Uninstall-CsMirrorDatabase").with("DatabaseType", type)
                    .with("SqlServerFqdn", principal).with("SqlInstanceName", "rtc"));
        }
    }

    @Test
    void aMirroredBackEndReadsSynchronizedWithThePrimaryAsPrincipal() {
        assertThat(state("User")).contains("DatabaseName             : rtcxds\nStateOnPrimary           : Principal\n"
                + "StateOnMirror            : Mirror\nMirroringStatusOnPrimary : synchronized\n"
                + "MirroringStatusOnMirror  : synchronized");
        assertThat(farm.tables(MIRROR, "rtcxds").get("users")).isNotEmpty();
    }

    @Test
    void theWitnessFailsThePrincipalOverToTheMirrorWhenThePrimaryIsLostAndUsersKeepTheirData() {
        farm.addContact(user, "sip:kept@lab.contoso.com");

        farm.loseSqlServer(BE01);

        assertThat(state("User")).contains("StateOnPrimary           : \nStateOnMirror            : Principal\n"
                + "MirroringStatusOnPrimary : \nMirroringStatusOnMirror  : disconnected");
        assertThat(farm.signIn(user).contacts()).contains("sip:kept@lab.contoso.com");
    }

    @Test
    void withoutAWitnessTheFailoverNeedsForceAndNoUserSignsInBefore() {
        farm.addContact(user, "sip:kept@lab.contoso.com");
        farm.loseSqlServer(WITNESS);
        farm.loseSqlServer(BE01);

        assertThat(state("User")).contains("StateOnPrimary           : \nStateOnMirror            : Mirror\n"
                + "MirroringStatusOnPrimary : \nMirroringStatusOnMirror  : disconnected");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> farm.signIn(user))
                .hasMessageContaining("cannot sign in");
        ShellOutput refused = run(shell, failover("User", "Mirror"));
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.stderr()).contains("The current principal be01.lab.contoso.local\\rtc of the User databases "
                + "of \"pool01.lab.contoso.local\" is not accessible. Use the Force parameter");

        assertThat(runOk(shell, failover("User", "Mirror").withSwitch("Force")).stdout())
                .contains("from be01.lab.contoso.local\\rtc to be01m.lab.contoso.local\\rtc (Mirror)");

        assertThat(state("User")).contains("StateOnMirror            : Principal");
        assertThat(farm.signIn(user).contacts()).contains("sip:kept@lab.contoso.com");
    }

    @Test
    void aSideThatIsDownCannotBecomePrincipalAndAWrongRoleOrTypeIsABindingError() {
        farm.loseSqlServer(BE01M);

        ShellOutput down = run(shell, failover("User", "Mirror").withSwitch("Force"));
        assertThat(down.succeeded()).isFalse();
        assertThat(down.stderr()).contains("Cannot fail over the User databases of \"pool01.lab.contoso.local\" to "
                + "be01m.lab.contoso.local\\rtc (Mirror)").contains("error: 26 - Error Locating Server/Instance");
        assertThat(run(shell, failover("User", "Secondary")).stderr()).contains("Cannot convert value \"Secondary\" to "
                + "type \"MirrorRole\". Specify one of the following enumerator names and try again: Primary, Mirror");
        assertThat(run(shell, failover("Users", "Mirror")).stderr()).contains("Cannot convert value \"Users\" to type "
                + "\"DatabaseType\"");
        assertThat(state("User")).contains("StateOnPrimary           : Principal\nStateOnMirror            : \n"
                + "MirroringStatusOnPrimary : disconnected");
    }

    @Test
    void anUnmirroredBackEndCannotBeFailedOver() {
        ShellOutput out = run(shell, Cmdlet.of("Invoke-CsDatabaseFailover").with("PoolFqdn", LabFixtures.SE)
                .with("DatabaseType", "User").with("NewPrincipal", "Mirror"));
        assertThat(out.succeeded()).isFalse();
        assertThat(out.stderr()).contains("no mirror database is configured for them (se01.lab.contoso.local\\rtc has no "
                + "mirror in the topology)");
    }

    @Test
    void theMirrorIsReestablishedOnlyAfterUninstallAndOnlyOntoARebuiltSideThatAnswers() {
        farm.addContact(user, "sip:kept@lab.contoso.com");
        farm.loseSqlServer(BE01);

        ShellOutput stillMirrored = run(shell, installMirror());
        assertThat(stillMirrored.stderr()).contains("are already mirrored to be01.lab.contoso.local\\rtc (disconnected). "
                + "Remove the mirroring with Uninstall-CsMirrorDatabase first.");
        ShellOutput notPrincipal = run(shell, Cmdlet.of("Uninstall-CsMirrorDatabase").with("DatabaseType", "User")
                .with("SqlServerFqdn", BE01).with("SqlInstanceName", "rtc"));
        assertThat(notPrincipal.stderr()).contains("needs the SQL Server that is principal for the User databases");
        uninstallAll(BE01M);

        ShellOutput lost = run(shell, installMirror());
        assertThat(lost.succeeded()).isFalse();
        assertThat(lost.stderr()).contains("Cannot create the mirror databases on be01.lab.contoso.local\\rtc");

        farm.repairSqlServer(BE01);
        ShellOutput stale = run(shell, Cmdlet.of("Install-CsMirrorDatabase").withSwitch("ConfiguredDatabases")
                .with("FileShare", "\\\\fs01.lab.contoso.local\\mirrorshare").with("SqlServerFqdn", BE01M));
        assertThat(stale.stderr()).contains("already exists on the mirror be01.lab.contoso.local\\rtc. Drop it, or run "
                + "the cmdlet with -DropExistingDatabasesOnMirror.");
        assertThat(state("User")).contains("MirroringStatusOnMirror  : \n");

        farm.loseSqlServer(BE01);
        farm.rebuildSqlServer(BE01);
        assertThat(runOk(shell, installMirror()).stdout()).contains("mirroring is synchronized");

        assertThat(state("User")).contains("StateOnPrimary           : Mirror\nStateOnMirror            : Principal\n"
                + "MirroringStatusOnPrimary : synchronized\nMirroringStatusOnMirror  : synchronized");
        assertThat(state("CentralMgmt")).contains("MirroringStatusOnPrimary : synchronized");
        assertThat(farm.tables(new SqlStoreRef(BE01, "rtc"), "rtcxds").get("contacts").stream()
                .anyMatch(r -> "sip:kept@lab.contoso.com".equals(r.get("contact_uri")))).isTrue();
    }

    @Test
    void installMirrorDatabaseTakesOneParameterSetAndAUncFileShare() {
        assertThat(run(shell, Cmdlet.of("Install-CsMirrorDatabase").with("FileShare", "\\\\fs01\\s")
                .with("SqlServerFqdn", BE01)).stderr()).contains("Parameter set cannot be resolved");
        assertThat(run(shell, Cmdlet.of("Install-CsMirrorDatabase").withSwitch("ConfiguredDatabases")
                .with("FileShare", "C:\\share").with("SqlServerFqdn", BE01)).stderr())
                .contains("Cannot validate argument on parameter 'FileShare'");
    }
}
