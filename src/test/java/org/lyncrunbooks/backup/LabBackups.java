package org.lyncrunbooks.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lab.LabSqlServer;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellProperties;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.lyncrunbooks.sqlserver.SqlServerClient;

/**
 * For tests of other capabilities (recovery) that need a real, published backup set of a lab farm: runs the very
 * steps of the backup cycle — prepare, every item, manifest, verify, publish — without the engine.
 */
public final class LabBackups {

    private LabBackups() {
    }

    /** Takes a full backup of {@code farm} into {@code root} and returns the published set's id. */
    public static String takeBackup(LabFarm farm, Path root, javax.sql.DataSource engineDatabase) {
        BackupShare share = new BackupShare(root);
        BackupProperties properties = new BackupProperties(root, "", "0 0 2 * * ?",
                new BackupProperties.Retention(14, Duration.ofDays(30), Duration.ofHours(1)),
                new BackupProperties.Item(1, Duration.ZERO),
                new BackupProperties.Worker(false, 1, 4, Duration.ofMinutes(5), Duration.ofSeconds(1)));
        SqlServerClient sql = new LabSqlServer(farm);
        LyncShell shell = new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null));
        org.springframework.boot.autoconfigure.jdbc.DataSourceProperties dataSourceProperties =
                new org.springframework.boot.autoconfigure.jdbc.DataSourceProperties();
        BackupItemRunner runner = new BackupItemRunner(shell, sql, new FileStoreCopier(2),
                new OrchestratorDatabaseBackup(engineDatabase, dataSourceProperties, new PostgresProperties(null, null),
                        SqlBackupProperties.defaults()), new NodeSnapshot(farm.topology(), new org.springframework.core.env.StandardEnvironment()),
                SqlBackupProperties.defaults());
        BackupService service = new BackupService(share, farm.topology(), runner, new SetVerifier(2), sql, properties,
                Clock.systemUTC(), new BackupProgress());
        BackupService.PreparedRun run = service.prepare(Optional.empty());
        for (int i = 0; i < run.itemCount(); i++) {
            service.runItem(run.setId(), i, 1);
        }
        service.writeManifest(run.setId());
        service.verify(run.setId());
        service.publish(run.setId());
        service.applyRetention(Set.of());
        return run.setId();
    }
}
