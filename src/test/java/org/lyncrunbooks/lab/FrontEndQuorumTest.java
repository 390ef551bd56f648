package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.lab.LabFixtures.FE1;
import static org.lyncrunbooks.lab.LabFixtures.FE2;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;

/** A Lync 2013 Front End pool that is down starts when enough of its servers start together (pool quorum). */
class FrontEndQuorumTest {

    @TempDir
    Path dir;
    LabFarm farm;
    LabShell shell;

    @BeforeEach
    void stopThePool() {
        farm = LabFixtures.farm(dir.resolve("farm"));
        shell = new LabShell(farm);
        LabFixtures.runOk(shell, stop(FE1));
        LabFixtures.runOk(shell, stop(FE2));
    }

    @Test
    void aFrontEndStartedAloneInAPoolThatIsDownStaysStartingAndTheStartFailsWithTheReason() {
        ShellOutput out = LabFixtures.run(shell, start(FE1));

        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr()).contains("Service RTCSRV on computer '" + FE1 + "' is in the Starting state and did not "
                + "reach the Running state: the Front End pool pool01.lab.contoso.local is not started: 1 of its 2 Front "
                + "End servers are starting or running");
        assertThat(farm.serverState(FE1).startingServices()).contains("RTCSRV");
        assertThat(farm.serverState(FE1).runningServices()).doesNotContain("RTCSRV");

        LabFixtures.runOk(shell, start(FE2));
        assertThat(farm.serverState(FE1).runningServices()).contains("RTCSRV");
        assertThat(farm.serverState(FE1).startingServices()).isEmpty();
    }

    @Test
    void bothFrontEndsStartedTogetherComeUp() {
        CompletableFuture<ShellOutput> first = CompletableFuture.supplyAsync(() -> LabFixtures.run(shell, start(FE1)));
        CompletableFuture<ShellOutput> second = CompletableFuture.supplyAsync(() -> LabFixtures.run(shell, start(FE2)));

        assertThat(List.of(first.join(), second.join())).allSatisfy(out -> assertThat(out.exitCode()).as(out.stderr())
                .isZero());
        assertThat(farm.serverState(FE1).runningServices()).contains("RTCSRV", "RTCRGS");
        assertThat(farm.serverState(FE2).runningServices()).contains("RTCSRV", "RTCRGS");
    }

    @Test
    void theFrontEndThatStoppedLastStartsAloneAndNoWaitReturnsAtOnce() {
        ShellOutput waiting = LabFixtures.runOk(shell, start(FE1).withSwitch("NoWait"));
        ShellOutput last = LabFixtures.runOk(shell, start(FE2));

        assertThat(waiting.stdout()).contains("Starting RTCSRV");
        assertThat(last.stdout()).startsWith("Started RTCSRV");
        assertThat(farm.serverState(FE1).runningServices()).contains("RTCSRV");
    }

    @Test
    void aPoolThatIsDownNeedsAboutEightyFivePercentOfItsServersAndAFunctionalPoolTakesAnyServer() {
        assertThat(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).stream().map(FrontEndQuorum::toStart))
                .containsExactly(1, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10);
        assertThat(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 12).stream().map(FrontEndQuorum::functional))
                .containsExactly(1, 2, 2, 3, 3, 4, 4, 4, 5, 5);
    }

    private static Cmdlet start(String server) {
        return Cmdlet.of("Start-CsWindowsService").with("ComputerName", server);
    }

    private static Cmdlet stop(String server) {
        return Cmdlet.of("Stop-CsWindowsService").with("ComputerName", server);
    }
}
