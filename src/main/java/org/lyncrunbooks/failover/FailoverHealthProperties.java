package org.lyncrunbooks.failover;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When a pool pair's health component reports DOWN ({@code lync.failover.health}).
 *
 * @param unsteadyIntervals a direction of the Backup Service may be out of steady state for this many
 *                          {@code SyncInterval}s (Microsoft's default interval is 2 minutes) before the pair is DOWN:
 *                          replication that lags that far puts the failover's RPO beyond Microsoft's figures
 */
@ConfigurationProperties("lync.failover.health")
public record FailoverHealthProperties(int unsteadyIntervals) {

    public FailoverHealthProperties {
        if (unsteadyIntervals < 1) {
            throw new IllegalArgumentException("lync.failover.health.unsteady-intervals must be at least 1, was "
                    + unsteadyIntervals);
        }
    }
}
