package org.lyncrunbooks.backup;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the backup cycle's SQL Server backups are taken ({@code lync.backup.sql}); defaults in {@code application.yaml}.
 *
 * @param copyOnly {@code BACKUP DATABASE … WITH COPY_ONLY}: the backups of LcsLog, LcsCDR, QoEMetrics, mgc (when
 *                 backed up by SQL) and of this application's engine database on SQL Server stay outside the
 *                 database's backup chain, so they never become the base of the DBA's differential backups (D13: these
 *                 databases follow the organisation's own SQL backup policy). Default {@code true}; set it to
 *                 {@code false} only when these backups are the organisation's only SQL backups.
 */
@ConfigurationProperties("lync.backup.sql")
public record SqlBackupProperties(Boolean copyOnly) {

    public SqlBackupProperties {
        if (copyOnly == null) {
            copyOnly = true;
        }
    }

    /** The default: copy-only backups. */
    public static SqlBackupProperties defaults() {
        return new SqlBackupProperties(null);
    }
}
