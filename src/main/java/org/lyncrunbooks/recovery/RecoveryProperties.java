package org.lyncrunbooks.recovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The recovery runbook's settings ({@code lync.recovery}).
 *
 * @param escalateAfter how long a manual step may wait before it is escalated to {@code lync-managers}
 *                      (a non-interrupting timer: the step goes on)
 * @param rpoTarget     the data loss the business accepts: the recovery timeline shows each recovery's RPO against it
 * @param rtoTarget     how long a recovery may take from its start to the server being back: shown against each RTO
 */
@ConfigurationProperties("lync.recovery")
public record RecoveryProperties(Duration escalateAfter, Duration rpoTarget, Duration rtoTarget) {

    @ConstructorBinding
    public RecoveryProperties {
        escalateAfter = positive("escalate-after", escalateAfter, Duration.ofHours(4));
        rpoTarget = positive("rpo-target", rpoTarget, Duration.ofHours(24));
        rtoTarget = positive("rto-target", rtoTarget, Duration.ofHours(8));
    }

    public RecoveryProperties(Duration escalateAfter) {
        this(escalateAfter, null, null);
    }

    private static Duration positive(String key, Duration value, Duration fallback) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("lync.recovery." + key + " must be a positive duration, was " + d);
        }
        return d;
    }
}
