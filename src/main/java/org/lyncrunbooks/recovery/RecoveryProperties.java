package org.lyncrunbooks.recovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The recovery runbook's settings ({@code lync.recovery}).
 *
 * @param escalateAfter how long a manual step may wait before it is escalated to {@code lync-managers}
 *                      (a non-interrupting timer: the step goes on)
 */
@ConfigurationProperties("lync.recovery")
public record RecoveryProperties(Duration escalateAfter) {

    public RecoveryProperties {
        escalateAfter = escalateAfter == null ? Duration.ofHours(4) : escalateAfter;
        if (escalateAfter.isNegative() || escalateAfter.isZero()) {
            throw new IllegalArgumentException("lync.recovery.escalate-after must be a positive duration, was " + escalateAfter);
        }
    }
}
