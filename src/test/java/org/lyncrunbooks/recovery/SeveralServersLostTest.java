package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;

/**
 * Several servers lost (R9, reliability scenario 19): a recovery whose server needs one still being recovered — the
 * Central Management store's server, its pool's Back End — is refused with the reason and the recovery it waits for;
 * once that one has ended it starts.
 */
class SeveralServersLostTest {

    @TempDir
    Path dir;
    final List<RunningRecoveries.Running> running = new ArrayList<>();

    private RecoveryService service(RecoveryLab lab) {
        RunningRecoveries recoveries = names -> running.stream()
                .filter(r -> names.stream().anyMatch(n -> n.equalsIgnoreCase(r.subject()))).toList();
        return lab.service(Clock.systemUTC(), List.of(new OneRecoveryPerServer(recoveries),
                new WhatItDependsOnFirst(lab.farm.topology(), recoveries), new ServerStillAnswers(lab.shell)));
    }

    private static RecoveryInputs.StartRequest request(String fqdn) {
        return new RecoveryInputs.StartRequest(fqdn, null, "INC-9", null, null);
    }

    private static RunningRecoveries.Running recovering(String fqdn) {
        return new RunningRecoveries.Running("4242", RecoveryProcess.KEY, fqdn, Instant.parse("2026-12-07T09:00:00Z"),
                "lab-operator", List.of("'Install SQL Server' (for lync-dba)"));
    }

    @Test
    void nothingElseIsRecoveredWhileTheCentralManagementStoresServerIs() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        lab.farm.destroyServer(RecoveryLab.BE_SERVER);
        lab.farm.destroyServer(RecoveryLab.SE);
        lab.farm.destroyServer(RecoveryLab.FE1);
        running.add(recovering(RecoveryLab.BE_SERVER));

        for (String server : List.of(RecoveryLab.SE, RecoveryLab.FE1)) {
            assertThatThrownBy(() -> service(lab).start(request(server)))
                    .isInstanceOf(RecoveryRefusedException.class)
                    .satisfies(e -> assertThat(((RecoveryRefusedException) e).status()).isEqualTo(Status.CONFLICT))
                    .hasMessageStartingWith("a recovery of " + server + " cannot start yet: the Central Management store on "
                            + RecoveryLab.BE_SERVER + " is being recovered")
                    .hasMessageContaining("It waits for 4242 (lync-server-recovery, started 2026-12-07T09:00:00Z), "
                            + "waiting at 'Install SQL Server' (for lync-dba).");
        }
        running.clear();
        assertThat(service(lab).start(request(RecoveryLab.SE)).plan().failedServerFqdn()).isEqualTo(RecoveryLab.SE);
    }

    @Test
    void aFrontEndWaitsForItsPoolsBackEnd() {
        RecoveryLab lab = RecoveryLab.withBackup(dir, FarmShape.SE_CMS);
        lab.farm.destroyServer(RecoveryLab.BE_SERVER);
        lab.farm.destroyServer(RecoveryLab.FE1);
        running.add(recovering(RecoveryLab.BE_SERVER));

        assertThatThrownBy(() -> service(lab).start(request(RecoveryLab.FE1)))
                .isInstanceOf(RecoveryRefusedException.class)
                .hasMessageStartingWith("a recovery of " + RecoveryLab.FE1 + " cannot start yet: the Back End "
                        + RecoveryLab.BE_SERVER + " of pool " + RecoveryLab.POOL + " is being recovered")
                .hasMessageContaining("R9: the Back End before the Front Ends");
        running.clear();
        assertThat(service(lab).start(request(RecoveryLab.FE1)).plan().failedServerFqdn()).isEqualTo(RecoveryLab.FE1);
    }
}
