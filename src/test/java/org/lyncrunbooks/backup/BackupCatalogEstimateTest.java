package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The backup catalog's estimate of the time a run still needs. */
class BackupCatalogEstimateTest {

    static final Duration RETRY = Duration.ofMinutes(1);

    @Test
    void comesFromTheRateSoFarByBytesAgainstThePreviousSet() {
        assertThat(RunProgress.estimatedRemaining(Duration.ofSeconds(60), 400L, 100, 1, 0, 10, RETRY, 4))
                .isEqualTo(Duration.ofSeconds(180));
    }

    @Test
    void fallsBackToItemsWithoutAPreviousSet() {
        assertThat(RunProgress.estimatedRemaining(Duration.ofSeconds(60), null, 0, 2, 0, 10, RETRY, 4))
                .isEqualTo(Duration.ofSeconds(240));
        assertThat(RunProgress.estimatedRemaining(Duration.ofSeconds(60), null, 0, 0, 0, 10, RETRY, 4)).isNull();
    }

    @Test
    void addsTheRetryDelayTheFailedItemsWaitLanesWaitingSideBySide() {
        Duration withoutFailures = RunProgress.estimatedRemaining(Duration.ofSeconds(60), null, 0, 5, 0, 10, RETRY, 4);

        assertThat(RunProgress.estimatedRemaining(Duration.ofSeconds(60), null, 0, 5, 1, 10, RETRY, 4))
                .isEqualTo(withoutFailures.plus(RETRY));
        assertThat(RunProgress.estimatedRemaining(Duration.ofSeconds(60), null, 0, 5, 5, 10, RETRY, 4))
                .as("five failed items over four lanes wait two delays").isEqualTo(withoutFailures.plus(RETRY.multipliedBy(2)));
    }
}
