package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a file store tree from a backup set onto a clean target (D3), hashing each file while copying it
 * and keeping it only when size and SHA-256 match the manifest, so a damaged set never leaves a damaged file
 * behind. Onto a clean target each file is created under its own name (one directory entry per file, as
 * {@code cp} makes); with the override it is written under a temporary name and renamed over the old file only
 * once it matched, so an existing file is never replaced by a damaged one. A restore cut short by a crash is run
 * again with the override (the recovery journal's re-run), which replaces any partly written file.
 *
 * <p>Every manifest path is checked before use and nothing outside the set folder and the target is read or
 * written. A failed restore leaves the files already restored in place (never a temporary file); the caller
 * clears the target or restores again with the override.
 */
public class FileStoreRestorer {

    private static final Logger log = LoggerFactory.getLogger(FileStoreRestorer.class);
    private static final int TASKS_PER_THREAD = 16;

    private final int threads;

    public FileStoreRestorer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * Restores the {@code expected} files (paths relative to {@code setFolder}, the folder that holds the copied
     * tree) to the same paths under {@code targetRoot}, recreates the set's folders (empty ones too) and gives files
     * and folders the set's modification times.
     *
     * @param overrideNonEmpty write into a target that already holds data (an approved and recorded override);
     *                         existing files with restored names are replaced, nothing else is deleted
     * @throws TargetNotCleanException if the target holds data and no override was given; nothing is written
     * @throws FileStoreException for an unsafe or missing manifest entry, a checksum or size mismatch, an I/O
     *                            error or an interruption (interrupt flag kept)
     */
    public CopyReport restoreTree(Path setFolder, Path targetRoot, Iterator<ExpectedFile> expected,
                                  boolean overrideNonEmpty) {
        Objects.requireNonNull(expected, "expected");
        long started = System.nanoTime();
        Path set = Folders.existing(setFolder, "set folder");
        Folders.requireDisjoint(set, targetRoot.toAbsolutePath().normalize());
        Path target = Folders.cleanTarget(targetRoot, overrideNonEmpty);
        Folders.requireDisjoint(set, target);
        Run run = new Run(overrideNonEmpty);
        DirectoryGuard sources = new DirectoryGuard(set, false);
        DirectoryGuard targets = new DirectoryGuard(target, true);
        // The set's folders (empty ones too) are listed while the files are restored: the walk is a stat per entry,
        // and after the files it would run alone on one core.
        BackgroundTask<List<SetFolder>> setFolders = BackgroundTask.start("filestore-restore-folders",
                "listing the folders of " + set, () -> setFolders(set, target));
        try (WorkerPool<RestoreTask> pool = WorkerPool.start("filestore-restore", threads, threads * TASKS_PER_THREAD,
                () -> run.new Worker(), task -> { })) {
            while (expected.hasNext()) {
                pool.submit(task(expected.next(), sources, targets));
            }
            pool.finish();
        } catch (RuntimeException | Error e) {
            setFolders.cancel();
            throw e;
        }
        restoreFolders(target, setFolders.join());
        CopyReport report = new CopyReport(run.files.get(), run.bytes.get(), 0, Duration.ofNanos(System.nanoTime() - started));
        log.info("Restored {} files ({} bytes) from {} to {}{} in {}", report.filesCopied(), report.bytesCopied(), set,
                target, overrideNonEmpty ? " with the override" : "", report.elapsed());
        return report;
    }

    private static RestoreTask task(ExpectedFile file, DirectoryGuard sources, DirectoryGuard targets) {
        String path = file.relativePath();
        RelativePaths.check(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        Path source;
        try {
            source = sources.folderOf(path).resolve(name);
        } catch (NoSuchFileException e) {
            throw missing(path, e);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        try {
            return new RestoreTask(file, source, targets.folderOf(path), name);
        } catch (IOException e) {
            throw new FileStoreException("cannot create the folder of " + RelativePaths.quote(path) + " in the target: "
                    + FileStoreException.describe(e), e);
        }
    }

    private static FileStoreException missing(String path, IOException e) {
        return new FileStoreException(RelativePaths.quote(path) + " is missing from the set", e);
    }

    private static FileStoreException unreadable(String path, IOException e) {
        return new FileStoreException("cannot read " + RelativePaths.quote(path) + " in the set: "
                + FileStoreException.describe(e), e);
    }

    /** The set file's own attributes (a link is not followed); refuses anything but a regular file. */
    private static BasicFileAttributes regularFile(Path source, String path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw missing(path, e);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        if (!attributes.isRegularFile()) {
            throw new FileStoreException(RelativePaths.quote(path) + " in the set is "
                    + (attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file") + "; refusing to restore it");
        }
        return attributes;
    }

    /** A folder of the set: its path relative to the set's tree ("" for the root) and its own attributes. */
    private record SetFolder(Path relative, BasicFileAttributes attributes) {
    }

    /** The set's folders, every folder after all of its sub-folders (the walk's post-order). */
    private static List<SetFolder> setFolders(Path set, Path target) {
        List<SetFolder> folders = new ArrayList<>();
        try {
            Files.walkFileTree(set, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    folders.add(new SetFolder(set.relativize(dir),
                            Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new FileStoreException("cannot restore the folders under " + target + ": " + FileStoreException.describe(e), e);
        }
        return folders;
    }

    /**
     * Recreates the set's folders, empty ones included since the manifest lists files only, and gives them the
     * set's times last, because restoring their files changed them. Folders are created parents first, and one is
     * used only after it was seen to be a real folder in the target, so a link there cannot lead outside.
     */
    private static void restoreFolders(Path target, List<SetFolder> folders) {
        try {
            for (int i = folders.size() - 1; i >= 0; i--) {
                Path restored = target.resolve(folders.get(i).relative());
                if (!Files.exists(restored, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(restored);
                } else if (!Files.isDirectory(restored, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileStoreException(restored + " exists and is not a folder; cannot restore the folder there");
                }
            }
            for (SetFolder folder : folders) {
                Folders.setTimes(target.resolve(folder.relative()), folder.attributes());
            }
        } catch (IOException e) {
            throw new FileStoreException("cannot restore the folders under " + target + ": " + FileStoreException.describe(e), e);
        }
    }

    /** One restore: counters and the temporary-name token shared by its workers. */
    private static final class Run {

        private final boolean override;
        /** Makes temporary names unique to this run, so a leftover from a crashed one is never taken for ours. */
        private final String token = UUID.randomUUID().toString().substring(0, 8);
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicLong files = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        Run(boolean override) {
            this.override = override;
        }

        /** A worker thread's side of the run: its own buffer and digest. */
        final class Worker implements WorkerPool.Worker<RestoreTask> {

            private final HashBuffer buffer = new HashBuffer();

            @Override
            public void process(RestoreTask task) {
                String path = RelativePaths.quote(task.file.relativePath());
                BasicFileAttributes attributes = regularFile(task.source, task.file.relativePath());
                Path target = task.targetFolder.resolve(task.name);
                // Onto a clean target the file is written under its own name (created new, so nothing is replaced)
                // and removed again unless size and SHA-256 match; with the override it is written under a
                // temporary name and renamed over the old file only when they match.
                Path written = override
                        ? task.targetFolder.resolve(".restore-" + token + "-" + sequence.incrementAndGet() + ".tmp")
                        : target;
                boolean created = false;
                boolean complete = false;
                try {
                    long size;
                    try (FileChannel in = FileChannel.open(task.source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                         FileChannel out = FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        created = true;
                        size = buffer.copy(in, out);
                    }
                    String sha256 = buffer.hex();
                    if (size != task.file.size()) {
                        throw new FileStoreException("size mismatch for " + path + ": expected " + task.file.size()
                                + " bytes, got " + size);
                    }
                    if (!sha256.equals(task.file.sha256())) {
                        throw new FileStoreException("checksum mismatch for " + path + ": expected " + task.file.sha256()
                                + ", got " + sha256);
                    }
                    Folders.setTimes(written, attributes);
                    if (override) {
                        publish(written, target);
                    }
                    complete = true;
                    files.incrementAndGet();
                    bytes.addAndGet(size);
                } catch (IOException e) {
                    throw new FileStoreException("cannot restore " + path + " to " + task.targetFolder + ": "
                            + FileStoreException.describe(e), e);
                } finally {
                    if (created && !complete) {
                        deleteQuietly(written);
                    }
                }
            }

            private void publish(Path temp, Path target) throws IOException {
                if (!override) {
                    Files.move(temp, target);
                    return;
                }
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileStoreException(target + " exists and is not a regular file; the override replaces files only");
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }

            private void deleteQuietly(Path temp) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    log.warn("Could not remove the temporary file {}", temp, e);
                }
            }
        }
    }

    private record RestoreTask(ExpectedFile file, Path source, Path targetFolder, String name) {
    }
}
