package org.lyncrunbooks.backupset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.lyncrunbooks.filestore.ExpectedFile;
import org.lyncrunbooks.filestore.TreeVerifier;
import org.lyncrunbooks.filestore.VerifyReport;

/**
 * Verifies a set folder against its manifest: every listed file is present with its size and SHA-256 (re-hashed
 * in parallel), and nothing is in the folder that the manifest does not list. Used before publication and before
 * any restore: a set that does not verify is never published and never restored from.
 */
public final class SetVerifier {

    private static final int MAX_PROBLEMS = 1000;

    private final TreeVerifier verifier;

    public SetVerifier(int threads) {
        this.verifier = new TreeVerifier(threads);
    }

    /**
     * @param setDirectory   a published {@code <id>} or a {@code <id>.partial} folder
     * @param ignoredEntries top-level names inside the set that are not part of it (a run's working folder)
     */
    public VerificationReport verify(Path setDirectory, Set<String> ignoredEntries) {
        String folder = setDirectory.getFileName().toString();
        String expectedId = folder.endsWith(BackupShare.PARTIAL_SUFFIX)
                ? folder.substring(0, folder.length() - BackupShare.PARTIAL_SUFFIX.length()) : folder;
        List<ExpectedFile> expected = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        List<String> problems = new ArrayList<>();
        Manifest.Header[] header = new Manifest.Header[1];
        try {
            ManifestReader.read(setDirectory.resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
                @Override
                public void header(Manifest.Header h) {
                    header[0] = h;
                }

                @Override
                public void file(String itemId, Manifest.File file) {
                    if (!paths.add(file.path())) {
                        problems.add(file.path() + ": listed twice in the manifest");
                    }
                    expected.add(new ExpectedFile(file.path(), file.size(), file.sha256()));
                }
            });
        } catch (ManifestException | IllegalArgumentException e) {
            return new VerificationReport(expectedId, 0, 0, List.of(Manifest.FILE_NAME + ": " + e.getMessage()));
        }
        if (!header[0].setId().equals(expectedId)) {
            problems.add(Manifest.FILE_NAME + ": names set " + header[0].setId() + " but lies in folder " + folder);
        }
        VerifyReport report = verifier.verify(setDirectory, expected.iterator());
        report.problems().forEach(p -> problems.add(p.relativePath() + ": " + p.detail()));
        if (report.problemCount() > report.problems().size()) {
            problems.add("… and " + (report.problemCount() - report.problems().size()) + " more problems with listed files");
        }
        for (String extra : unexpected(setDirectory, paths, ignoredEntries)) {
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add("… and more files that are not in the manifest");
                break;
            }
            problems.add(extra + ": not in the manifest");
        }
        return new VerificationReport(header[0].setId(), report.filesChecked(), report.bytesChecked(), problems);
    }

    private static List<String> unexpected(Path root, Set<String> listed, Set<String> ignoredEntries) {
        List<String> extra = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && dir.getParent().equals(root)
                            && ignoredEntries.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String relative = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                    boolean topLevelIgnored = file.getParent().equals(root)
                            && (relative.equals(Manifest.FILE_NAME) || ignoredEntries.contains(relative));
                    if (!topLevelIgnored && !listed.contains(relative) && extra.size() <= MAX_PROBLEMS) {
                        extra.add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return extra;
    }
}
