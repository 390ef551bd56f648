package org.lyncrunbooks.failover;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the mirror runbook re-establishes a Back End's mirror ({@code lync.failover.mirror}).
 *
 * @param fileShare             the UNC share {@code Install-CsMirrorDatabase -FileShare} exports the principal's
 *                              databases through; both SQL Server service accounts must read and write it (P3). Blank:
 *                              the install step stops and says to set it
 * @param synchronizationChecks how many times {@code Get-CsDatabaseMirrorState} is read after the install before an
 *                              operator is asked (the step is blocked)
 * @param checkInterval         the wait between two reads
 */
@ConfigurationProperties("lync.failover.mirror")
public record MirrorProperties(String fileShare, int synchronizationChecks, Duration checkInterval) {

    public MirrorProperties {
        fileShare = fileShare == null ? "" : fileShare.strip();
        if (synchronizationChecks < 1) {
            throw new IllegalArgumentException("lync.failover.mirror.synchronization-checks must be at least 1, was "
                    + synchronizationChecks);
        }
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("lync.failover.mirror.check-interval must be a positive duration, was "
                    + checkInterval);
        }
        if (!fileShare.isEmpty() && !fileShare.matches("\\\\\\\\[^\\\\]+\\\\[^\\\\].*")) {
            throw new IllegalArgumentException("lync.failover.mirror.file-share must be a UNC path (\\\\server\\share), "
                    + "was '" + fileShare + "'");
        }
    }
}
