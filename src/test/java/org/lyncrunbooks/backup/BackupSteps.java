package org.lyncrunbooks.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.lyncrunbooks.topology.BackupItem;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * The backup cycle's own steps for one set of chosen items, without the engine and without a topology: for the
 * benchmarks, which must time the code a backup run executes — {@link BackupService#runItem} through
 * {@link BackupItemRunner} into the run's workspace, then {@link BackupService#writeManifest} — and not a copy
 * of it. The set is created, its plan written and its items run exactly as {@link BackupService#prepare} and the
 * item worker would.
 */
public final class BackupSteps {

    private final BackupShare share;
    private final BackupService service;

    /**
     * @param root           the backup share root
     * @param threads        the file store copier's and the verifier's threads (the application uses the cores)
     * @param engineDatabase the engine database the orchestrator item backs up, or {@code null} when no such item runs
     * @param engineUser     its user name (for pg_dump)
     * @param pgDump         the pg_dump executable
     */
    public BackupSteps(Path root, int threads, DataSource engineDatabase, String engineUser, String pgDump) {
        this.share = new BackupShare(root);
        BackupProperties properties = new BackupProperties(root, "", "0 0 2 * * ?",
                new BackupProperties.Retention(14, Duration.ofDays(30), Duration.ofHours(1)),
                new BackupProperties.Item(1, Duration.ZERO),
                new BackupProperties.Worker(false, 1, 4, Duration.ofMinutes(5), Duration.ofSeconds(1)));
        DataSourceProperties dataSourceProperties = new DataSourceProperties();
        dataSourceProperties.setUsername(engineUser);
        if (engineDatabase != null) {
            try (java.sql.Connection connection = engineDatabase.getConnection()) {
                dataSourceProperties.setUrl(connection.getMetaData().getURL());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot reach the engine database: " + e.getMessage(), e);
            }
        }
        BackupItemRunner runner = new BackupItemRunner(null, null, new FileStoreCopier(threads),
                new OrchestratorDatabaseBackup(engineDatabase, dataSourceProperties,
                        new PostgresProperties(pgDump, Duration.ofHours(1)), SqlBackupProperties.defaults()),
                new NodeSnapshot(null, new org.springframework.core.env.StandardEnvironment()), SqlBackupProperties.defaults());
        this.service = new BackupService(share, null, runner, new SetVerifier(threads), null, properties,
                Clock.systemUTC(), new BackupProgress());
    }

    /** A file store item as the plan lists it (name, UNC, mount path). */
    public static BackupItem fileStore(String name, Path mountPath) {
        return new BackupItem.FileStoreTree(name, "\\\\fs.bench.local\\" + name, mountPath.toString());
    }

    /** This application's own database as the plan lists it. */
    public static BackupItem engineDatabase() {
        return new BackupItem.OrchestratorDatabase();
    }

    /** Creates a {@code .partial} set whose plan holds {@code items}; returns its id. */
    public String prepare(List<BackupItem> items) {
        share.checkWritable();
        Instant startedAt = Instant.now();
        SetId id = share.createPartial(startedAt);
        new RunWorkspace(share.partialDirectory(id)).create(new RunWorkspace.StoredPlan(id.toString(), startedAt,
                "0".repeat(64), items, List.of()));
        return id.toString();
    }

    /** Runs item {@code index} as the item worker does (its files recorded in the run's workspace). */
    public void runItem(String setId, int index) {
        service.runItem(setId, index, 1);
    }

    /** Writes the set's {@code manifest.json} from the recorded files, as the cycle's next step does. */
    public void writeManifest(String setId) {
        service.writeManifest(setId);
    }

    /** The cycle's verification (every file re-hashed against the manifest); throws naming what did not verify. */
    public void verify(String setId) {
        service.verify(setId);
    }

    /** Publishes the set (workspace removed, folder renamed, CURRENT moved); returns the published folder. */
    public Path publish(String setId) {
        service.publish(setId);
        return share.publishedDirectory(SetId.parse(setId).orElseThrow());
    }

    /** The folder of a set that is still {@code .partial}. */
    public Path partialDirectory(String setId) {
        return share.partialDirectory(SetId.parse(setId).orElseThrow());
    }
}
