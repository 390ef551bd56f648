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
 * The start of a pool recovery (R9) on the lab farm: which servers are lost and in which order they are recovered,
 * and what refuses it — with the start checks every server recovery has.
 */
class PoolRecoveriesTest {

    @TempDir
    Path dir;
    final List<RunningRecoveries.Running> running = new ArrayList<>();

    private PoolRecoveries pools(RecoveryLab lab) {
        RunningRecoveries recoveries = names -> running.stream()
                .filter(r -> names.stream().anyMatch(n -> n.equalsIgnoreCase(r.subject()))).toList();
        ServerStillAnswers answers = new ServerStillAnswers(lab.shell);
        RecoveryService service = lab.service(Clock.systemUTC(), List.of(new OneRecoveryPerServer(recoveries),
                new WhatItDependsOnFirst(lab.farm.topology(), recoveries), answers));
        return new PoolRecoveries(lab.farm.topology(), service, recoveries, answers);
    }

    private static RecoveryInputs.PoolStartRequest request(String pool, String... lost) {
        return new RecoveryInputs.PoolStartRequest(pool, List.of(lost), false, null, "INC-9", null, null);
    }

    @Test
    void theLostServersAreTheOnesThatDoNotAnswerTheBackEndFirst() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        lab.farm.destroyServer(RecoveryLab.FE2);
        lab.farm.destroyServer(RecoveryLab.BE_SERVER);

        PoolRecoveries.PoolPlan plan = pools(lab).start(request("POOL01.lab.contoso.local"));

        assertThat(plan.poolFqdn()).isEqualTo(RecoveryLab.POOL);
        assertThat(plan.backEnds()).containsExactly(RecoveryLab.BE_SERVER);
        assertThat(plan.frontEnds()).containsExactly(RecoveryLab.FE2);
        assertThat(plan.lost()).containsExactly(RecoveryLab.BE_SERVER, RecoveryLab.FE2);
        assertThat(plan.approval().setId()).isEqualTo(lab.currentSet());
        assertThat(plan.approval().dataLossFrom()).isBeforeOrEqualTo(plan.approval().setCompletedAt());
        assertThat(plan.responseGroupServer()).as("the Front Ends run Response Group: restored once they are back")
                .contains(RecoveryLab.BE_SERVER);
    }

    @Test
    void aServerThatIsNotThePoolsIsRefusedNamingIt() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);

        assertThatThrownBy(() -> pools(lab).start(request(RecoveryLab.POOL, RecoveryLab.FE1, RecoveryLab.SE)))
                .isInstanceOf(RecoveryRefusedException.class)
                .satisfies(e -> assertThat(((RecoveryRefusedException) e).status()).isEqualTo(Status.UNPROCESSABLE))
                .hasMessageStartingWith("'" + RecoveryLab.SE + "' is not a server of pool " + RecoveryLab.POOL);
    }

    @Test
    void aServerNamedThatStillAnswersNeedsAReasonAndNothingLostIsRefused() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);

        assertThatThrownBy(() -> pools(lab).start(request(RecoveryLab.POOL)))
                .hasMessageStartingWith("every server of pool " + RecoveryLab.POOL + " still answers");
        assertThatThrownBy(() -> pools(lab).start(request(RecoveryLab.POOL, RecoveryLab.FE1)))
                .hasMessageStartingWith(RecoveryLab.FE1 + " still answers");
        assertThat(pools(lab).start(new RecoveryInputs.PoolStartRequest(RecoveryLab.POOL, List.of(), true, null, null,
                null, "the whole pool is rebuilt on new hardware")).lost())
                .containsExactly(RecoveryLab.BE_SERVER, RecoveryLab.FE1, RecoveryLab.FE2);
    }

    @Test
    void aRunningRecoveryOfAnyServerOfThePoolRefusesItNamingWhereItWaits() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        lab.farm.destroyServer(RecoveryLab.BE_SERVER);
        running.add(new RunningRecoveries.Running("4242", RecoveryProcess.KEY, RecoveryLab.FE2,
                Instant.parse("2026-12-07T09:00:00Z"), "lab-operator", List.of("'Run Deployment Wizard' (for lync-operators)")));

        assertThatThrownBy(() -> pools(lab).start(request(RecoveryLab.POOL)))
                .isInstanceOf(RecoveryRefusedException.class)
                .satisfies(e -> assertThat(((RecoveryRefusedException) e).status()).isEqualTo(Status.CONFLICT))
                .hasMessageStartingWith("a recovery of " + RecoveryLab.FE2 + " is already running: 4242")
                .hasMessageContaining("waiting at 'Run Deployment Wizard' (for lync-operators)");
    }

    @Test
    void aPoolThatIsNotInTheTopologyOrServesNoUsersIsRefused() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);

        assertThatThrownBy(() -> pools(lab).start(request("pool99.lab.contoso.local")))
                .satisfies(e -> assertThat(((RecoveryRefusedException) e).status()).isEqualTo(Status.NOT_FOUND));
        assertThatThrownBy(() -> pools(lab).start(request("edge01.lab.contoso.local")))
                .satisfies(e -> assertThat(((RecoveryRefusedException) e).status()).isEqualTo(Status.UNPROCESSABLE))
                .hasMessageContaining("is not a Front End pool or Standard Edition server");
    }

    @Test
    void aPairedPoolsRecoveryOffersTheFailoverBeforeTheApproval() {
        RecoveryLab lab = RecoveryLab.withBackup(dir, FarmShape.PAIRED_POOLS);
        lab.farm.destroyServer(RecoveryLab.FE1);

        PoolRecoveries.PoolPlan plan = pools(lab).start(request(RecoveryLab.POOL));

        assertThat(RecoveryVariables.failoverOffer(plan.approval().plan())).hasValueSatisfying(offer -> assertThat(offer)
                .startsWith("Pool " + RecoveryLab.POOL + " is paired with pool02.lab.contoso.local"));
    }
}
