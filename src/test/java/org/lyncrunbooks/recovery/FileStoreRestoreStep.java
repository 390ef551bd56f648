package org.lyncrunbooks.recovery;

import java.nio.file.Path;

import org.lyncrunbooks.backupset.ManifestFileStream;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.filestore.CopyReport;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.topology.BackupItem;

/**
 * The recovery's file store restore step without the journal and the recovery plan, for the benchmarks: the
 * manifest's files of one file store item streamed into {@link FileStoreRestorer}, exactly as
 * {@code DataRestores.fileStore} does.
 */
public final class FileStoreRestoreStep {

    private FileStoreRestoreStep() {
    }

    /** Restores file store item {@code item} of the published set in {@code setDirectory} onto a clean {@code target}. */
    public static CopyReport restore(FileStoreRestorer restorer, Path setDirectory, BackupItem.FileStoreTree item,
                                     Path target) {
        try (ManifestFileStream files = ManifestFileStream.open(setDirectory.resolve(Manifest.FILE_NAME),
                item.itemId(), item.target() + "/")) {
            return restorer.restoreTree(setDirectory.resolve(item.target()), target, files, false);
        }
    }
}
