package org.lyncrunbooks.drill;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestFileStream;
import org.lyncrunbooks.filestore.CopyReport;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.filestore.FileStoreException;

/**
 * Drills a file store tree: the recovery's own restorer copies it from the set into a scratch folder, keeping each
 * file only when its size and SHA-256 match the manifest, and the folder is removed afterwards, whatever happened.
 */
final class FileStoreDrill {

    private static final String ITEM_PREFIX = "filestore:";

    private final FileStoreRestorer restorer;
    private final ScratchFolders scratch;
    private final Clock clock;

    FileStoreDrill(FileStoreRestorer restorer, ScratchFolders scratch, Clock clock) {
        this.restorer = restorer;
        this.scratch = scratch;
        this.clock = clock;
    }

    DrillRecord.Item drill(DrillRecord.Item item, String setId, Path setDirectory) {
        Instant started = clock.instant();
        String name = item.item().substring(ITEM_PREFIX.length());
        String tree = "filestore/" + name;
        Path target = scratch.fileStore(setId, name);
        List<String> details = new ArrayList<>();
        DrillRecord.Outcome outcome;
        String restoreResult;
        String checkResult;
        Duration restoreElapsed = null;
        Map<String, Long> counts = Map.of();
        // a copy left by an attempt that died half-way is this drill's own: it goes first
        scratch.remove(target);
        try (ManifestFileStream files = ManifestFileStream.open(setDirectory.resolve(Manifest.FILE_NAME), item.item(),
                tree + "/")) {
            CopyReport report = restorer.restoreTree(setDirectory.resolve(tree), target, files, false);
            restoreElapsed = Duration.between(started, clock.instant());
            counts = Map.of("files", report.filesCopied(), "bytes", report.bytesCopied());
            outcome = DrillRecord.Outcome.PASSED;
            restoreResult = "Success";
            checkResult = "Success: the SHA-256 and size of each of the " + report.filesCopied() + " files matched the manifest";
            details.add("restored " + report.filesCopied() + " files (" + report.bytesCopied() + " bytes) of " + tree
                    + " to " + target + " in " + restoreElapsed + ", every file hashed as it was written");
        } catch (FileStoreException | java.io.UncheckedIOException e) {
            outcome = DrillRecord.Outcome.FAILED;
            restoreResult = "Failed: " + e.getMessage();
            checkResult = "Failed: the tree did not restore with every checksum matching";
            details.add("restore of " + tree + " to " + target + " failed: " + e.getMessage());
        } finally {
            try {
                scratch.remove(target);
                details.add("removed " + target);
            } catch (RuntimeException e) {
                details.add("could not remove " + target + ": " + e.getMessage() + "; the next drill removes it");
            }
        }
        Instant finished = clock.instant();
        return new DrillRecord.Item(item.item(), item.kind(), item.source(), target.toString(), item.size(),
                item.backupFiles(), outcome, restoreResult, checkResult, started, finished,
                Duration.between(started, finished), restoreElapsed, null, counts, String.join("\n", details));
    }
}
