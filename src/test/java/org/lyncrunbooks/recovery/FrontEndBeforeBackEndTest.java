package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.CmdletFailedException;

/**
 * R9's order, as the lab holds it like Lync does: a Front End rebuilt while its pool's Back End is still lost does not
 * start — its Front End service waits in Starting for the Back End's user database — and starts once the Back End is
 * back. (Lab shape {@code se-cms}: the Central Management store is on se01, so the Deployment Wizard can read it.)
 */
class FrontEndBeforeBackEndTest {

    @TempDir
    Path dir;

    @Test
    void aFrontEndRebuiltBeforeItsBackEndDoesNotStartUntilTheBackEndIsBack() {
        RecoveryLab lab = RecoveryLab.withBackup(dir, FarmShape.SE_CMS);
        lab.farm.destroyServer(RecoveryLab.BE_SERVER);
        lab.farm.destroyServer(RecoveryLab.FE1);
        lab.farm.destroyServer(RecoveryLab.FE2);

        for (String fe : new String[] {RecoveryLab.FE1, RecoveryLab.FE2}) {
            lab.farm.installOperatingSystem(fe);
            lab.farm.runDeploymentWizard(fe);
        }
        assertThat(lab.farm.serverState(RecoveryLab.FE1).runningServices()).doesNotContain("RTCSRV");
        assertThatThrownBy(() -> lab.shell.run(Cmdlet.of("Start-CsWindowsService").with("ComputerName", RecoveryLab.FE1)))
                .isInstanceOf(CmdletFailedException.class)
                .hasMessageContaining("is in the Starting state")
                .hasMessageContaining("rtcxds")
                .hasMessageContaining(RecoveryLab.BE_SERVER);

        // the Back End as R5 brings it back: SQL Server with the same instance name, the configured databases
        lab.farm.installOperatingSystem(RecoveryLab.BE_SERVER);
        lab.farm.installSqlServer(RecoveryLab.BE, RecoveryLab.SQL_2012);
        lab.service().installConfiguredDatabases("pool-order", RecoveryLab.BE_SERVER);

        RecoveryService service = lab.service();
        assertThat(lab.farm.serverState(RecoveryLab.FE1).runningServices()).doesNotContain("RTCSRV");
        service.startFrontEnds("pool-order", RecoveryLab.POOL);
        assertThat(lab.farm.serverState(RecoveryLab.FE1).runningServices()).contains("RTCSRV");
        assertThat(lab.farm.serverState(RecoveryLab.FE2).runningServices()).contains("RTCSRV");
    }
}
