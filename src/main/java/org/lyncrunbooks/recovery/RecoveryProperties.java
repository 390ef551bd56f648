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
 * @param edgeExportFolder where an Edge server's configuration is exported for Deployment Wizard step 1 "Import from a
 *                      file" (P7): a folder as the Management Shell's host sees it (a Windows path, {@code D:\EdgeMedia}
 *                      or {@code \\host\share}, which must exist), from which an operator carries the file to the Edge
 *                      on external media, or a share the Edge can read; a path that is not a Windows path is a local
 *                      folder of this application (the lab), created when missing. Never the internal backup share
 *                      by default: the Edge is not in the internal network.
 */
@ConfigurationProperties("lync.recovery")
public record RecoveryProperties(Duration escalateAfter, Duration rpoTarget, Duration rtoTarget, String edgeExportFolder) {

    /** The default folder of the Edge configuration export, on the host the Management Shell runs on. */
    public static final String DEFAULT_EDGE_EXPORT_FOLDER = "C:\\LyncRecovery\\EdgeMedia";

    @ConstructorBinding
    public RecoveryProperties {
        escalateAfter = positive("escalate-after", escalateAfter, Duration.ofHours(4));
        rpoTarget = positive("rpo-target", rpoTarget, Duration.ofHours(24));
        rtoTarget = positive("rto-target", rtoTarget, Duration.ofHours(8));
        edgeExportFolder = edgeExportFolder == null || edgeExportFolder.isBlank() ? DEFAULT_EDGE_EXPORT_FOLDER
                : edgeExportFolder.strip();
    }

    public RecoveryProperties(Duration escalateAfter) {
        this(escalateAfter, null, null, null);
    }

    private static Duration positive(String key, Duration value, Duration fallback) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("lync.recovery." + key + " must be a positive duration, was " + d);
        }
        return d;
    }
}
