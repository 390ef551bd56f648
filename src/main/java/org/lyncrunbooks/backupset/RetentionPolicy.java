package org.lyncrunbooks.backupset;

import java.time.Duration;

/**
 * Which sets retention removes: published sets beyond the newest {@code keepSets}, and published sets older than
 * {@code maxAge}, but never the set {@code CURRENT} names; and {@code .partial} folders of runs that no longer
 * exist — at once when abandoned, otherwise once older than {@code partialGrace} (so that a run whose first
 * transaction is not yet visible is never mistaken for a leftover).
 */
public record RetentionPolicy(int keepSets, Duration maxAge, Duration partialGrace) {

    public RetentionPolicy {
        if (keepSets < 1) {
            throw new IllegalArgumentException("keep-sets must be at least 1, was " + keepSets);
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("max-age must be a positive duration, was " + maxAge);
        }
        if (partialGrace == null || partialGrace.isNegative()) {
            throw new IllegalArgumentException("partial-grace must not be negative, was " + partialGrace);
        }
    }
}
