package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.topology.RecoveryPlanner;
import org.lyncrunbooks.topology.Topology;

/** A recovery of a server whose pool is paired tells the manager, before the approval, that failover keeps more (R1). */
class FailoverOfferTest {

    @TempDir
    Path dir;

    @Test
    void aServerOfAPairedPoolIsOfferedTheFailoverFirstAndAnUnpairedOneIsNot() {
        Topology paired = new LabFarm(new LabProperties(dir.resolve("paired"), 7, 4, 8, Duration.ZERO,
                FarmShape.PAIRED_POOLS)).topology();
        Topology plain = RecoveryProcessTestSupport.topology();

        assertThat(RecoveryVariables.failoverOffer(RecoveryPlanner.plan(paired, "fe01.lab.contoso.local").orElseThrow()))
                .hasValueSatisfying(offer -> assertThat(offer).startsWith("Pool pool01.lab.contoso.local is paired with "
                        + "pool02.lab.contoso.local: failing it over (Fail over a Lync pool)"));
        assertThat(RecoveryVariables.failoverOffer(RecoveryPlanner.plan(paired, "be01.lab.contoso.local").orElseThrow()))
                .isPresent();
        assertThat(RecoveryVariables.failoverOffer(RecoveryPlanner.plan(plain, "fe01.lab.contoso.local").orElseThrow()))
                .isEmpty();
    }

    @Test
    void aLostSideOfAMirroredBackEndIsSentToTheMirrorRunbookBeforeAnyRestoreFromBackups() {
        Topology mirrored = new LabFarm(new LabProperties(dir.resolve("mirrored"), 7, 4, 8, Duration.ZERO,
                FarmShape.MIRRORED_BACK_END)).topology();

        assertThat(RecoveryVariables.failoverOffer(RecoveryPlanner.plan(mirrored, "be01.lab.contoso.local").orElseThrow()))
                .hasValueSatisfying(offer -> assertThat(offer).contains("has a SQL Server mirror (be01m.lab.contoso.local")
                        .contains("start Recover a mirrored Back End (lync-recovery-mirror)")
                        .contains("only when both sides are lost"));
    }
}
