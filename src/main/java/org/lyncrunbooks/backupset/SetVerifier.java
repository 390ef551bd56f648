package org.lyncrunbooks.backupset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.lyncrunbooks.filestore.BackgroundTask;
import org.lyncrunbooks.filestore.ExpectedFile;
import org.lyncrunbooks.filestore.PathFingerprint;
import org.lyncrunbooks.filestore.TreeVerifier;
import org.lyncrunbooks.filestore.VerifyReport;

/**
 * Verifies a set folder against its manifest: every listed file is present with its size and SHA-256 (re-hashed
 * in parallel), no file is listed twice, and nothing is in the folder that the manifest does not list. Used
 * before publication and before any restore: a set that does not verify is never published and never restored
 * from.
 *
 * <p>Memory stays flat whatever the size of the set: the manifest is streamed to the hashing workers as it is
 * parsed, duplicates are caught through a compact set of 64-bit path fingerprints, and stray files are found by
 * counting, beside the hashing — a set whose listed files all verified and whose folder holds exactly that many
 * files has none. Only when something is wrong is the manifest read a second time to name the paths exactly.
 *
 * <p>By default every file is re-hashed (a full pass, what a recovery does). A backup run's own verification may pass
 * the files its items hard-linked from an earlier set ({@code reusedFrom} in the manifest) by identity instead: see
 * {@link #verify(Path, Set, Function)}.
 */
public final class SetVerifier {

    private static final int MAX_PROBLEMS = 1000;

    private final TreeVerifier verifier;

    public SetVerifier(int threads) {
        this.verifier = new TreeVerifier(threads);
    }

    /**
     * Re-hashes every file of the set (a full pass).
     *
     * @param setDirectory   a published {@code <id>} or a {@code <id>.partial} folder
     * @param ignoredEntries top-level names inside the set that are not part of it (a run's working folder)
     */
    public VerificationReport verify(Path setDirectory, Set<String> ignoredEntries) {
        return verify(setDirectory, ignoredEntries, itemId -> null, true);
    }

    /**
     * The same, except that a file the manifest says was reused from an earlier set is checked by identity when
     * {@code linkedBy} gives a time for its item — a time the item read from the share's own clock after it made its
     * links: a regular file of the manifest's size whose change time is not after that time is the file the item linked,
     * unchanged since (see {@link ExpectedFile}). A file that fails this is re-hashed; an item for which
     * {@code linkedBy} answers null has all its files re-hashed.
     */
    public VerificationReport verify(Path setDirectory, Set<String> ignoredEntries, Function<String, FileTime> linkedBy) {
        return verify(setDirectory, ignoredEntries, linkedBy, false);
    }

    /**
     * @param countWhileHashing whether to count the set's files beside the hashing (a {@code stat} per entry, worth it
     *                          when re-hashing leaves a core partly idle) rather than after it, by listing the folders
     *                          and matching names against the manifest's fingerprints (no {@code stat} per listed file,
     *                          the cheaper way when most files pass by identity)
     */
    private VerificationReport verify(Path setDirectory, Set<String> ignoredEntries, Function<String, FileTime> linkedBy,
                                      boolean countWhileHashing) {
        Objects.requireNonNull(linkedBy, "linkedBy");
        String folder = setDirectory.getFileName().toString();
        String expectedId = folder.endsWith(BackupShare.PARTIAL_SUFFIX)
                ? folder.substring(0, folder.length() - BackupShare.PARTIAL_SUFFIX.length()) : folder;
        Path manifest = setDirectory.resolve(Manifest.FILE_NAME);
        List<String> problems = new ArrayList<>();
        Manifest.Header[] header = new Manifest.Header[1];
        Fingerprints listed = new Fingerprints();
        boolean[] maybeDuplicates = new boolean[1];
        // For a full pass the files are counted while they are hashed: the walk is stat calls, the hashing leaves a core
        // partly idle. When files pass by identity the cores are busy with stat calls already; they are counted after.
        BackgroundTask<Long> fileCount = countWhileHashing ? BackgroundTask.start("set-verify-count",
                "counting the files of " + setDirectory, () -> count(setDirectory, ignoredEntries)) : null;
        VerifyReport report;
        try {
            report = verifier.verify(setDirectory, sink -> ManifestReader.read(manifest, new ManifestReader.Visitor() {
                @Override
                public void header(Manifest.Header h) {
                    header[0] = h;
                }

                private String item;
                private FileTime itemLinkedBy;

                @Override
                public void file(String itemId, Manifest.File file) {
                    if (!listed.add(file.path())) {
                        maybeDuplicates[0] = true;
                    }
                    if (!itemId.equals(item)) {
                        item = itemId;
                        itemLinkedBy = linkedBy.apply(itemId);
                    }
                    sink.accept(new ExpectedFile(file.path(), file.size(), file.sha256(),
                            file.reusedFrom() == null ? null : itemLinkedBy));
                }
            }));
        } catch (ManifestException | IllegalArgumentException e) {
            cancel(fileCount);
            return new VerificationReport(expectedId, 0, 0, List.of(Manifest.FILE_NAME + ": " + e.getMessage()));
        } catch (RuntimeException | Error e) {
            cancel(fileCount);
            throw e;
        }
        if (!header[0].setId().equals(expectedId)) {
            problems.add(Manifest.FILE_NAME + ": names set " + header[0].setId() + " but lies in folder " + folder);
        }
        Set<String> exactPaths = null;
        if (maybeDuplicates[0]) {
            exactPaths = new HashSet<>();
            for (String duplicate : duplicates(manifest, exactPaths)) {
                problems.add(duplicate + ": listed twice in the manifest");
            }
        }
        report.problems().forEach(p -> problems.add(p.relativePath() + ": " + p.detail()));
        if (report.problemCount() > report.problems().size()) {
            problems.add("… and " + (report.problemCount() - report.problems().size()) + " more problems with listed files");
        }
        // Every listed file verified and none is listed twice: the folder holds no stray file exactly when it holds
        // as many files as the manifest lists.
        boolean allListedPresent = problems.isEmpty() && report.problemCount() == 0;
        if (!allListedPresent) {
            cancel(fileCount);
        }
        if (!allListedPresent || (fileCount != null ? fileCount.join()
                : countListed(setDirectory, ignoredEntries, listed)) != report.filesChecked()) {
            if (exactPaths == null) {
                exactPaths = new HashSet<>();
                duplicates(manifest, exactPaths);
            }
            Set<String> finalPaths = exactPaths;
            List<String> extra = new ArrayList<>();
            walk(setDirectory, ignoredEntries, path -> {
                if (extra.size() <= MAX_PROBLEMS && !finalPaths.contains(path)) {
                    extra.add(path);
                }
            });
            for (String path : extra) {
                if (problems.size() >= MAX_PROBLEMS) {
                    problems.add("… and more files that are not in the manifest");
                    break;
                }
                problems.add(path + ": not in the manifest");
            }
        }
        return new VerificationReport(header[0].setId(), report.filesChecked(), report.bytesChecked(), problems,
                report.filesByIdentity());
    }

    /** Reads the manifest's paths into {@code paths} and returns those listed more than once. */
    private static List<String> duplicates(Path manifest, Set<String> paths) {
        List<String> duplicates = new ArrayList<>();
        ManifestReader.read(manifest, new ManifestReader.Visitor() {
            @Override
            public void file(String itemId, Manifest.File file) {
                if (!paths.add(file.path()) && duplicates.size() < MAX_PROBLEMS) {
                    duplicates.add(file.path());
                }
            }
        });
        return duplicates;
    }

    private static void cancel(BackgroundTask<Long> task) {
        if (task != null) {
            task.cancel();
        }
    }

    /**
     * The set's entries whose paths the manifest lists, found by listing folders and matching names against the
     * manifest's fingerprints, with a {@code stat} only for entries that match no listed path (folders, strays); -1 as
     * soon as one of those is not a folder. Every listed file was found to be a regular file by the verification, so a
     * count equal to the files listed means the set holds exactly those files (a stray whose path shared a listed
     * path's fingerprint would make the count larger).
     */
    private static long countListed(Path root, Set<String> ignoredEntries, Fingerprints listed) {
        try {
            return countListed(root, "", ignoredEntries, listed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static long countListed(Path folder, String prefix, Set<String> ignoredEntries, Fingerprints listed)
            throws IOException {
        long count = 0;
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (prefix.isEmpty() && (name.equals(Manifest.FILE_NAME) || ignoredEntries.contains(name))) {
                    continue;
                }
                String path = prefix + name;
                if (listed.contains(path)) {
                    count++;
                } else if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    long below = countListed(entry, path + "/", ignoredEntries, listed);
                    if (below < 0) {
                        return -1;
                    }
                    count += below;
                } else {
                    return -1;
                }
            }
        }
        return count;
    }

    private static long count(Path root, Set<String> ignoredEntries) {
        long[] files = new long[1];
        walk(root, ignoredEntries, path -> files[0]++);
        return files[0];
    }

    /** Every file in the set folder (links and special files included) that belongs to the set, by relative path. */
    private static void walk(Path root, Set<String> ignoredEntries, Consumer<String> visitor) {
        Predicate<Path> ignoredTopLevel = file -> file.getParent().equals(root)
                && (file.getFileName().toString().equals(Manifest.FILE_NAME)
                    || ignoredEntries.contains(file.getFileName().toString()));
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
                    if (!ignoredTopLevel.test(file)) {
                        visitor.accept(root.relativize(file).toString().replace(java.io.File.separatorChar, '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * 64-bit fingerprints of paths in an open-addressing table: 16 bytes a path instead of a string set's hundred or
     * more. A repeated fingerprint means the path is listed twice or, very rarely, that two paths share a fingerprint;
     * the caller then checks the paths themselves.
     */
    static final class Fingerprints {

        private long[] table = new long[1 << 10];
        private int size;

        /** Returns false when the fingerprint was already there. */
        boolean add(String path) {
            long fingerprint = PathFingerprint.of(path);
            if (2 * (size + 1) > table.length) {
                grow();
            }
            if (!insert(table, fingerprint)) {
                return false;
            }
            size++;
            return true;
        }

        /** Whether the path's fingerprint is in the table (the path, or very rarely another with its fingerprint). */
        boolean contains(String path) {
            long fingerprint = PathFingerprint.of(path);
            int mask = table.length - 1;
            for (int i = (int) PathFingerprint.mix(fingerprint) & mask; ; i = (i + 1) & mask) {
                if (table[i] == 0) {
                    return false;
                }
                if (table[i] == fingerprint) {
                    return true;
                }
            }
        }

        private static boolean insert(long[] table, long fingerprint) {
            int mask = table.length - 1;
            for (int i = (int) PathFingerprint.mix(fingerprint) & mask; ; i = (i + 1) & mask) {
                if (table[i] == 0) {
                    table[i] = fingerprint;
                    return true;
                }
                if (table[i] == fingerprint) {
                    return false;
                }
            }
        }

        private void grow() {
            long[] bigger = new long[table.length * 2];
            for (long fingerprint : table) {
                if (fingerprint != 0) {
                    insert(bigger, fingerprint);
                }
            }
            table = bigger;
        }
    }
}
