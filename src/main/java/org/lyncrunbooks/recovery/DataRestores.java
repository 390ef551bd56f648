package org.lyncrunbooks.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.lyncrunbooks.backupset.ManifestFileStream;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.filestore.CopyReport;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.filestore.TargetNotCleanException;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.sqlserver.SqlTargetNotCleanException;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restores that write data back from a set: a file store tree (R3, R4 on Standard Edition, R10) and SQL Server
 * databases (R11, R12 by SQL backup; {@code RTCComponentUniversalServices} is put into {@code ServerRole} for LcsLog,
 * LcsCDR and QoEMetrics only, as R11 step 4 says). They go only to clean targets (D3, I6): a target that holds data
 * is refused with nothing written unless an override was approved, and the journal records when one was used. A
 * target a step of this recovery half-wrote before a crash is its own work and is written over.
 */
final class DataRestores {

    private static final Logger log = LoggerFactory.getLogger(DataRestores.class);
    private static final int NAMES_SHOWN = 5;

    private final PublishedSets sets;
    private final RecoveryJournal journal;
    private final FileStoreRestorer restorer;
    private final SqlServerClient sqlServer;

    DataRestores(PublishedSets sets, RecoveryJournal journal, FileStoreRestorer restorer, SqlServerClient sqlServer) {
        this.sets = sets;
        this.journal = journal;
        this.restorer = restorer;
        this.sqlServer = sqlServer;
    }

    void fileStore(String recoveryId, RecoveryPlan plan, SetId id, boolean overrideApproved) {
        FileStore store = plan.fileStore().orElseThrow(() -> new IllegalArgumentException(plan.failedServerFqdn()
                + " shares no file store (" + plan.role() + "); there is no file store to restore"));
        BackupItem.FileStoreTree item = new BackupItem.FileStoreTree(store.name(), store.unc(), store.mountPath().toString());
        journal.run(recoveryId, "restore-file-store:" + store.name(), rerun -> {
            Path target = store.mountPath();
            List<String> held = entries(target);
            if (!held.isEmpty() && !overrideApproved && !rerun) {
                throw new RestoreTargetNotCleanException("file store " + store.name() + " (" + store.unc() + ", mounted at "
                        + target + ") is not clean: it holds " + describe(held) + ". A restore goes only to an empty "
                        + "folder; nothing was written. Empty it, or approve the override to restore over it.");
            }
            CopyReport report;
            try (ManifestFileStream files = ManifestFileStream.open(sets.directory(id).resolve(Manifest.FILE_NAME),
                    item.itemId(), item.target() + "/")) {
                report = restorer.restoreTree(sets.directory(id).resolve(item.target()), target, files,
                        overrideApproved || rerun);
            } catch (TargetNotCleanException e) {
                throw new RestoreTargetNotCleanException(e.getMessage(), e);
            }
            return "restored " + report.filesCopied() + " files (" + report.bytesCopied() + " bytes) of " + item.target()
                    + " to " + target + overrideNote(!held.isEmpty(), rerun, describe(held));
        });
    }

    /** An absolute Windows folder: a drive letter path or a UNC share, without characters Windows refuses in paths. */
    private static final Pattern WINDOWS_FOLDER = Pattern.compile(
            "([A-Za-z]:\\\\|\\\\\\\\[^\\\\/:*?\"<>|]+\\\\[^\\\\/:*?\"<>|]+)[^/:*?\"<>|\\p{Cntrl}]*");

    /**
     * The folders a DBA gave for restored databases' files, checked: each must be an absolute Windows folder (a drive
     * path or a UNC share); blank means the instance's default.
     *
     * @throws IllegalArgumentException naming the folder that is not one
     */
    static SqlServerClient.FileLocations fileLocations(String dataFolder, String logFolder) {
        SqlServerClient.FileLocations locations = new SqlServerClient.FileLocations(dataFolder, logFolder);
        for (String folder : new String[] {locations.dataFolder(), locations.logFolder()}) {
            if (folder != null && !WINDOWS_FOLDER.matcher(folder).matches()) {
                throw new IllegalArgumentException("'" + PublishedSets.printable(folder) + "' is not an absolute Windows "
                        + "folder (like D:\\SQLData or \\\\sql01\\data); correct the data or log folder in the Install SQL "
                        + "Server task, or leave it empty for the instance's default");
            }
        }
        return locations;
    }

    void databases(String recoveryId, RecoveryPlan plan, SetId id, boolean overrideApproved,
                   SqlServerClient.FileLocations locations) {
        PublishedSets.Contents contents = sets.contents(id);
        List<DatabaseRestore> restores = new ArrayList<>();
        for (SqlStore store : plan.sqlStores()) {
            String prefix = "sql:" + store.ref().folderName() + ":";
            for (PublishedSets.Item item : contents.items().values()) {
                if ("sqlserver-database".equals(item.kind()) && item.itemId().startsWith(prefix)) {
                    if (item.files().size() != 1) {
                        throw new BackupSetInvalidException("item " + item.itemId() + " of backup set " + id + " lists "
                                + item.files().size() + " files instead of one .bak");
                    }
                    restores.add(new DatabaseRestore(store.ref(), item.itemId().substring(prefix.length()),
                            item.files().get(0).path()));
                }
            }
        }
        if (restores.isEmpty()) {
            log.info("Recovery {}: backup set {} holds no SQL Server backup of a database on {}; nothing to restore",
                    recoveryId, id, plan.failedServerFqdn());
            return;
        }
        // every target is checked before the first restore, so that a refusal leaves nothing half done
        List<String> refusals = new ArrayList<>();
        List<DatabaseRestore> holdingData = new ArrayList<>();
        for (DatabaseRestore restore : restores) {
            if (journal.entry(recoveryId, restore.step()) != null) {
                continue;
            }
            if (sqlServer.databaseState(restore.store(), restore.database()) == SqlServerClient.DatabaseState.HOLDS_DATA) {
                holdingData.add(restore);
                refusals.add(restore.display());
            }
        }
        if (!refusals.isEmpty() && !overrideApproved) {
            throw new RestoreTargetNotCleanException("refusing to restore: " + String.join(", ", refusals)
                    + (refusals.size() == 1 ? " holds" : " hold") + " data already. A restore goes only to a new or clean "
                    + "database; nothing was restored. Drop or empty " + (refusals.size() == 1 ? "it" : "them")
                    + ", or approve the override to restore over " + (refusals.size() == 1 ? "it." : "them."));
        }
        for (DatabaseRestore restore : restores) {
            journal.run(recoveryId, restore.step(), rerun -> {
                String file = sets.serverPath(id, restore.file());
                try {
                    sqlServer.restoreDatabase(restore.store(), restore.database(), file, overrideApproved || rerun,
                            locations);
                } catch (SqlTargetNotCleanException e) {
                    throw new RestoreTargetNotCleanException(restore.display() + ": " + e.getMessage(), e);
                }
                String restored = "restored " + restore.display() + " from " + restore.file() + " into "
                        + where(locations) + overrideNote(holdingData.contains(restore), rerun, "data");
                if (!LyncDatabase.named(restore.database()).map(LyncDatabase::grantsServerRole).orElse(false)) {
                    return restored;
                }
                boolean added = sqlServer.ensureComponentUniversalServices(restore.store(), restore.database());
                return restored + (added ? "; RTCComponentUniversalServices added as a user with the ServerRole role"
                        : "; RTCComponentUniversalServices is a user with the ServerRole role") + " (as Microsoft's Monitoring and Archiving restore requires)";
            });
        }
    }

    private static String where(SqlServerClient.FileLocations locations) {
        if (locations.dataFolder() == null && locations.logFolder() == null) {
            return "the instance's default data and log folders";
        }
        return "data folder " + (locations.dataFolder() == null ? "(the instance's default)" : locations.dataFolder())
                + ", log folder " + (locations.logFolder() == null ? "(the instance's default)" : locations.logFolder());
    }

    private static String overrideNote(boolean held, boolean rerun, String what) {
        if (rerun) {
            return "; written over this recovery's own unfinished earlier attempt";
        }
        return held ? "; the target held " + what + " and was written over with the approved override" : "";
    }

    /** The entries of a folder, by name (a folder with a trailing /); empty when it does not exist. */
    private static List<String> entries(Path folder) {
        List<String> names = new ArrayList<>();
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                names.add(child.getFileName() + (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) ? "/" : ""));
            }
        } catch (NoSuchFileException e) {
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    private static String describe(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        return names.size() + (names.size() == 1 ? " entry (" : " entries (") + shown
                + (names.size() > NAMES_SHOWN ? ", …)" : ")");
    }

    /** One database to restore from the set. */
    private record DatabaseRestore(SqlStoreRef store, String database, String file) {

        String step() {
            return "restore-database:" + store.folderName() + ":" + database;
        }

        String display() {
            return "database " + database + " on " + store.display();
        }
    }
}
