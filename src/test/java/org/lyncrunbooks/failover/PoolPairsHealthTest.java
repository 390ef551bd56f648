package org.lyncrunbooks.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellProperties;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** The health component per pool pair, on the paired-pools lab farm, with the Backup Service's real answers. */
class PoolPairsHealthTest {

    static final String PAIR = "pool01.lab.contoso.local+pool02.lab.contoso.local";

    @TempDir
    Path dir;

    private Health health(LabFarm farm, Clock clock) {
        LyncShell shell = new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null));
        FailoverService service = new FailoverService(farm.topology(), shell, new BackupShare(dir.resolve("share")),
                dir.resolve("share").toString(), names -> List.of(), clock);
        CompositeHealthContributor pairs = (CompositeHealthContributor) new PoolPairsHealth().poolPairs(service,
                new FailoverHealthProperties(3));
        return ((HealthIndicator) pairs.getContributor(PAIR)).health();
    }

    private LabFarm farm() {
        LabFarm farm = new LabFarm(new LabProperties(dir.resolve("lab"), 7, 12, 12, Duration.ZERO, FarmShape.PAIRED_POOLS));
        farm.topology();
        return farm;
    }

    @Test
    void aSteadyPairIsUpWithItsLastSteadyTimeInEachDirection() {
        Health health = health(farm(), Clock.systemUTC());

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("pool01.lab.contoso.local -> pool02.lab.contoso.local",
                "pool02.lab.contoso.local -> pool01.lab.contoso.local");
        assertThat(health.getDetails().get("pool01.lab.contoso.local -> pool02.lab.contoso.local").toString())
                .contains("status=SteadyState").contains("lastSteadyAt=20");
    }

    @Test
    void replicationLaggingLongerThanThreeSyncIntervalsIsDown() {
        LabFarm farm = farm();
        String user = farm.usersHomedOn("pool01.lab.contoso.local").get(0);
        farm.addContact(user, "sip:pending@lab.contoso.com");

        assertThat(health(farm, Clock.systemUTC()).getStatus()).isEqualTo(Status.UP);
        Health later = health(farm, Clock.fixed(Instant.now().plus(Duration.ofMinutes(7)), ZoneOffset.UTC));
        assertThat(later.getStatus()).isEqualTo(Status.DOWN);
        assertThat(later.getDetails().get("pool01.lab.contoso.local -> pool02.lab.contoso.local").toString())
                .contains("NormalState").contains("longer than 3 × SyncInterval (PT6M)");
    }

    @Test
    void aPoolThatCannotBeReachedMakesItsPairDownWithTheReason() {
        LabFarm farm = farm();
        farm.failPool("pool02.lab.contoso.local");

        Health health = health(farm, Clock.systemUTC());

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("pool02.lab.contoso.local -> pool01.lab.contoso.local").toString())
                .contains("no Front End server of the pool answers");
    }
}
