package org.lyncrunbooks.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lyncrunbooks.backupset.BackupSetEntry;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.backupset.PassedVerification;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file part of a backup run's verification, for sets whose file stores hard-link unchanged files from the
 * previous set: those files pass by identity (the previous set's own inode, unchanged since the item linked it),
 * everything the run wrote is re-hashed, and every {@code lync.backup.verify.full-every} runs every file is re-hashed.
 * Which runs are due a full pass is kept in the record each passed verification leaves on the share
 * ({@link PassedVerification}); a set without a record before it (the first run, a share from an older version) gets a
 * full pass.
 */
final class RunVerification {

    private static final Logger log = LoggerFactory.getLogger(RunVerification.class);

    private final BackupShare share;
    private final SetVerifier verifier;
    private final BackupProperties.Verify properties;
    private final Clock clock;

    RunVerification(BackupShare share, SetVerifier verifier, BackupProperties.Verify properties, Clock clock) {
        this.share = share;
        this.verifier = verifier;
        this.properties = properties;
        this.clock = clock;
    }

    /** What the verification found, whether it was a full pass, and the runs since the last one. */
    record Result(VerificationReport report, boolean fullPass, int runsSinceFullPass) {
    }

    Result verify(SetId id, RunWorkspace workspace) {
        Map<String, FileTime> linkedBy = new HashMap<>();
        workspace.outcomes().values().stream().filter(o -> o.done() && o.linkedBy() != null)
                .forEach(o -> linkedBy.put(o.itemId(), FileTime.from(o.linkedBy())));
        Optional<PassedVerification> previous = share.publishedBefore(id).flatMap(share::passedVerification);
        int runsSinceFullPass = previous.map(p -> p.runsSinceFullPass() + 1).orElse(Integer.MAX_VALUE);
        boolean fullPass = linkedBy.isEmpty() || runsSinceFullPass >= properties.fullEvery();
        VerificationReport report = fullPass ? verifier.verify(workspace.setDirectory(), Set.of(RunWorkspace.FOLDER))
                : verifier.verify(workspace.setDirectory(), Set.of(RunWorkspace.FOLDER), linkedBy::get);
        return new Result(report, fullPass, fullPass ? 0 : runsSinceFullPass);
    }

    void recordPassed(SetId id, Result result) {
        VerificationReport report = result.report();
        share.recordPassedVerification(new PassedVerification(id.toString(), clock.instant(), result.fullPass(),
                result.runsSinceFullPass(), report.fileCount(), report.filesByIdentity(), report.bytes()));
        log.info("Set {} verified ({}): {} files, {} of them by identity as unchanged hard links to the previous set, "
                        + "{} bytes re-hashed", id, result.fullPass() ? "full pass, every file re-hashed"
                        : "next full pass in " + (properties.fullEvery() - result.runsSinceFullPass()) + " runs",
                report.fileCount(), report.filesByIdentity(), report.bytes());
    }

    /**
     * A file this run hard-linked from an earlier set that does not match its manifest was changed in place after that
     * set verified it: every published set still holding the same file (the same inode) holds the damage too. They
     * are recorded as having failed verification, so the catalog shows them, recoveries refuse them and the retry of
     * this run's items copies those files again instead of linking them.
     */
    void markSetsSharingDamagedFiles(SetId id, Path setDirectory, List<String> problems) {
        Set<String> problemPaths = new HashSet<>();
        for (String problem : problems) {
            for (int at = problem.indexOf(": "); at > 0; at = problem.indexOf(": ", at + 1)) {
                problemPaths.add(problem.substring(0, at));
            }
        }
        Set<String> reused = new HashSet<>();
        ManifestReader.read(setDirectory.resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
            @Override
            public void file(String itemId, Manifest.File file) {
                if (file.reusedFrom() != null && problemPaths.contains(file.path())) {
                    reused.add(file.path());
                }
            }
        });
        if (reused.isEmpty()) {
            return;
        }
        Map<SetId, List<String>> damaged = new LinkedHashMap<>();
        for (BackupSetEntry entry : share.list()) {
            if (entry.status() != BackupSetEntry.Status.PUBLISHED) {
                continue;
            }
            for (String path : reused) {
                if (sameFile(setDirectory.resolve(path), entry.directory().resolve(path))) {
                    damaged.computeIfAbsent(entry.id(), k -> new ArrayList<>()).add(path + ": changed in place after it "
                            + "was verified (found by the verification of set " + id + ", which shares it as a hard link)");
                }
            }
        }
        damaged.forEach((set, files) -> {
            share.recordFailedVerification(set, files, clock.instant());
            log.warn("Set {} holds {} file(s) changed in place after it was verified (found by the verification of "
                    + "set {}); recorded as failed verification", set, files.size(), id);
        });
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            Object key = Files.readAttributes(a, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return key != null && key.equals(Files.readAttributes(b, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey());
        } catch (IOException e) {
            return false;
        }
    }
}
