package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;

/**
 * The start of a recovery on the lab farm, with its real start checks: the lab shell answers
 * Get-CsWindowsService from each machine's state, and the running recoveries are what the test says.
 */
class RecoveryStartTest {

    @TempDir
    static Path dir;
    static RecoveryLab lab;
    final List<RunningRecoveries.Running> running = new ArrayList<>();
    final List<List<String>> askedFor = new ArrayList<>();

    @BeforeAll
    static void farm() {
        lab = RecoveryLab.withBackup(dir);
    }

    private RecoveryService service() {
        RunningRecoveries recoveries = names -> {
            askedFor.add(names);
            return running.stream().filter(r -> names.stream().anyMatch(n -> n.equalsIgnoreCase(r.subject()))).toList();
        };
        return lab.service(Clock.systemUTC(), List.of(new OneRecoveryPerServer(recoveries), new ServerStillAnswers(lab.shell)));
    }

    private static RecoveryInputs.StartRequest request(String fqdn, String reason) {
        return new RecoveryInputs.StartRequest(fqdn, null, "INC-1", null, reason);
    }

    @Test
    void aServerThatStillAnswersIsRecoveredOnlyWithAReasonToRebuildItAnyway() {
        assertThat(lab.farm.serverState(RecoveryLab.FE2).operatingSystemInstalled()).isTrue();

        assertThatThrownBy(() -> service().start(request(RecoveryLab.FE2, null)))
                .isInstanceOf(RecoveryRefusedException.class)
                .satisfies(e -> assertThat(((RecoveryRefusedException) e).status()).isEqualTo(Status.CONFLICT))
                .hasMessageStartingWith(RecoveryLab.FE2 + " still answers: Get-CsWindowsService -ComputerName " + RecoveryLab.FE2)
                .hasMessageContaining("Running RTCSRV")
                .hasMessageContaining("rebuildAnywayReason");
        assertThat(lab.cmdlets()).contains("Get-CsWindowsService -ComputerName '" + RecoveryLab.FE2 + "'");

        assertThat(service().start(request(RecoveryLab.FE2, "its Front End service crashes at start; troubleshooting failed"))
                .plan().failedServerFqdn()).isEqualTo(RecoveryLab.FE2);
    }

    @Test
    void aLostServerNeedsNoReason() {
        lab.farm.destroyServer(RecoveryLab.MON_SERVER);

        assertThat(service().start(request(RecoveryLab.MON_SERVER, null)).plan().failedServerFqdn())
                .isEqualTo(RecoveryLab.MON_SERVER);
    }

    @Test
    void aServerWhoseRecoveryRunsIsRefusedInAnyLetterCaseWithThatRecoveryAndWhereItWaits() {
        running.add(new RunningRecoveries.Running("4711", RecoveryProcess.KEY, RecoveryLab.SE, Instant.parse("2026-11-26T03:00:00.123Z"),
                "lab-operator", List.of("'Approve data-loss window' (for lync-managers)")));

        assertThatThrownBy(() -> service().start(request("SE01.Lab.Contoso.Local", "rebuild it")))
                .isInstanceOf(RecoveryRefusedException.class)
                .satisfies(e -> assertThat(((RecoveryRefusedException) e).status()).isEqualTo(Status.CONFLICT))
                .hasMessage("a recovery of " + RecoveryLab.SE + " is already running: 4711 (lync-server-recovery, started "
                        + "2026-11-26T03:00:00Z by lab-operator), waiting at 'Approve data-loss window' (for lync-managers). "
                        + "One server is recovered by one recovery at a time: finish that one, or have an administrator "
                        + "cancel it in Cockpit, before starting another.");
        assertThat(askedFor).contains(List.of(RecoveryLab.SE));
    }

    @Test
    void aRunningFailoverOfTheServersPoolRefusesItsRecovery() {
        running.add(new RunningRecoveries.Running("815", "lync-pool-failover", RecoveryLab.POOL, Instant.now(), null, List.of()));

        assertThatThrownBy(() -> service().start(request(RecoveryLab.FE1, "rebuild it")))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessageContaining("a recovery of " + RecoveryLab.POOL + " is already running: 815 (lync-pool-failover")
                .hasMessageContaining("busy with an automated step");
    }

    @Test
    void anIncidentInTheFutureIsRefused() {
        Instant tomorrow = Instant.now().plusSeconds(86_400);

        assertThatThrownBy(() -> service().start(new RecoveryInputs.StartRequest(RecoveryLab.FE1, null, null, tomorrow, "x")))
                .isInstanceOf(RecoveryRefusedException.class)
                .satisfies(e -> assertThat(((RecoveryRefusedException) e).status()).isEqualTo(Status.BAD_REQUEST))
                .hasMessageStartingWith("incidentTime " + tomorrow + " is in the future");
    }
}
