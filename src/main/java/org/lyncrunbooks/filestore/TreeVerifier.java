package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lyncrunbooks.filestore.VerifyReport.Kind;
import org.lyncrunbooks.filestore.VerifyReport.Problem;

/**
 * Re-hashes the files a manifest lists, in parallel, and reports every missing, truncated, altered, unsafe or
 * linked one (reliability scenario 6: verification names the file). Links are never followed.
 *
 * <p>A file expected as a hard link to an earlier verified set ({@link ExpectedFile#linkedBy()}) is checked by
 * identity instead: a regular file of the expected size whose change time is not after the moment the links were made
 * (see {@link ExpectedFile}). A later change time, or a file system that does not report change times, and it is
 * re-hashed like every other file.
 */
public class TreeVerifier {

    private static final int TASKS_PER_THREAD = 16;
    /** Files handed to a worker at once, or fewer once they hold this many bytes to hash. */
    private static final int BATCH_FILES = 32;
    private static final long BATCH_BYTES = 4L << 20;

    private final int threads;

    public TreeVerifier(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * Checks each expected file (path relative to {@code root}) for presence, size and SHA-256; problems are
     * reported, not thrown.
     *
     * @throws FileStoreException if {@code root} is not a folder or the verification was interrupted (interrupt
     *                            flag kept)
     */
    public VerifyReport verify(Path root, Iterator<ExpectedFile> expected) {
        Objects.requireNonNull(expected, "expected");
        return verify(root, expected::forEachRemaining);
    }

    /**
     * The same, for a source that pushes the expected files (a manifest being parsed): each file is checked while
     * the source goes on, so the list is never held in memory. An exception the source throws stops the workers
     * and is rethrown as is.
     */
    public VerifyReport verify(Path root, Consumer<Consumer<ExpectedFile>> expected) {
        Objects.requireNonNull(expected, "expected");
        long started = System.nanoTime();
        Path realRoot = Folders.existing(root, "verification root");
        DirectoryGuard folders = new DirectoryGuard(realRoot, false);
        Run run = new Run();
        long[] checked = new long[1];
        try (WorkerPool<Check> pool = WorkerPool.start("filestore-verify", threads, threads * TASKS_PER_THREAD,
                BATCH_FILES, BATCH_BYTES, () -> run.new Worker(), check -> { })) {
            expected.accept(file -> {
                checked[0]++;
                Path folder = run.folderOf(file, folders);
                if (folder != null) {
                    String path = file.relativePath();
                    pool.submit(new Check(file, folder.resolve(path.substring(path.lastIndexOf('/') + 1))),
                            file.linkedBy() == null ? file.size() : 0);
                }
            });
            pool.finish();
        }
        return run.report(checked[0], Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Lists the files under {@code root} (links and special files included, folders not) whose relative path is
     * neither in {@code expectedPaths} nor accepted by {@code ignore}, sorted, at most
     * {@link VerifyReport#MAX_PROBLEMS} of them. The caller holds the set of expected paths, so memory grows with
     * the manifest; the walk itself keeps only the current folder chain.
     */
    public static List<String> unexpectedFiles(Path root, Set<String> expectedPaths, Predicate<String> ignore) {
        Path realRoot = Folders.existing(root, "verification root");
        List<String> found = new ArrayList<>();
        try {
            Files.walkFileTree(realRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String path = RelativePaths.relativize(realRoot, file);
                    if (!expectedPaths.contains(path) && !ignore.test(path)) {
                        found.add(path);
                    }
                    return found.size() < VerifyReport.MAX_PROBLEMS ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    throw failure;
                }
            });
        } catch (IOException e) {
            throw new FileStoreException("cannot list " + realRoot + ": " + FileStoreException.describe(e), e);
        }
        Collections.sort(found);
        return found;
    }

    /** One verification: problems and counters, shared by the feeding thread and the workers. */
    private static final class Run {

        private final List<Problem> problems = new ArrayList<>();
        private long problemCount;
        private long bytes;
        private long byIdentity;

        /** The checked folder of a file, or {@code null} after recording why it cannot be checked. */
        Path folderOf(ExpectedFile file, DirectoryGuard folders) {
            try {
                RelativePaths.check(file.relativePath());
                return folders.folderOf(file.relativePath());
            } catch (FileStoreException e) {
                problem(file, Kind.UNSAFE_PATH, e.getMessage());
            } catch (NoSuchFileException e) {
                problem(file, Kind.MISSING, "missing (its folder does not exist)");
            } catch (IOException e) {
                problem(file, Kind.UNREADABLE, "cannot read its folder: " + FileStoreException.describe(e));
            }
            return null;
        }

        synchronized void problem(ExpectedFile file, Kind kind, String detail) {
            problemCount++;
            if (problems.size() < VerifyReport.MAX_PROBLEMS) {
                problems.add(new Problem(file.relativePath(), kind, detail));
            }
        }

        synchronized void hashed(long size) {
            bytes += size;
        }

        synchronized void sameFile() {
            byIdentity++;
        }

        synchronized VerifyReport report(long checked, Duration elapsed) {
            return new VerifyReport(checked, bytes, problemCount, problems, elapsed, byIdentity);
        }

        /** A worker thread's side of the run: its own buffer and digest. */
        final class Worker implements WorkerPool.Worker<Check> {

            private final HashBuffer buffer = new HashBuffer();

            @Override
            public void process(Check check) {
                ExpectedFile file = check.file;
                if (file.linkedBy() != null && unchangedSinceLinked(check)) {
                    sameFile();
                    return;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(check.path, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (!attributes.isRegularFile()) {
                        problem(file, Kind.NOT_A_REGULAR_FILE, attributes.isSymbolicLink()
                                ? "is a symbolic link; links are not followed" : "is not a regular file");
                    } else if (attributes.size() != file.size()) {
                        problem(file, Kind.SIZE_MISMATCH, sizeMismatch(file, attributes.size()));
                    } else {
                        hash(check);
                    }
                } catch (NoSuchFileException e) {
                    problem(file, Kind.MISSING, "missing");
                } catch (IOException e) {
                    problem(file, Kind.UNREADABLE, "cannot read: " + FileStoreException.describe(e));
                }
            }

            private void hash(Check check) throws IOException {
                long size;
                try (FileChannel in = FileChannel.open(check.path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    size = buffer.hash(in);
                }
                String sha256 = buffer.hex();
                hashed(size);
                if (size != check.file.size()) {
                    problem(check.file, Kind.SIZE_MISMATCH, sizeMismatch(check.file, size));
                } else if (!sha256.equals(check.file.sha256())) {
                    problem(check.file, Kind.CHECKSUM_MISMATCH, "checksum mismatch: expected " + check.file.sha256()
                            + ", got " + sha256);
                }
            }

            /**
             * Whether a linked file is a regular file of the expected size with a change time no later than the time
             * its links were made by: then it is the file the backup linked, unchanged since (one {@code lstat}).
             */
            private boolean unchangedSinceLinked(Check check) {
                try {
                    Map<String, Object> linked = Files.readAttributes(check.path, "unix:isRegularFile,size,ctime",
                            LinkOption.NOFOLLOW_LINKS);
                    return Boolean.TRUE.equals(linked.get("isRegularFile"))
                            && Long.valueOf(check.file.size()).equals(linked.get("size"))
                            && linked.get("ctime") instanceof FileTime changed
                            && changed.compareTo(check.file.linkedBy()) <= 0;
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    return false;
                }
            }

            private String sizeMismatch(ExpectedFile file, long actual) {
                return "size mismatch: expected " + file.size() + " bytes, found " + actual;
            }
        }
    }

    private record Check(ExpectedFile file, Path path) {
    }
}
