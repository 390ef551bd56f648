package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a Lync file store tree into a backup set, hashing every file in the same pass, leaving out
 * {@code Meeting.Active} files (locked while a meeting runs, D2) and never following links.
 *
 * <p>The calling thread walks the tree; worker threads open, copy and hash each file, relative to its folder kept
 * open until the folder's last file is written, so a folder swapped for a link meanwhile cannot lead them outside the
 * tree. A bounded queue between them, fed in batches ({@link WorkerPool}), keeps memory flat whatever the size of
 * the tree. Each folder's modification time is set once
 * the last of its entries has been written, tracked by a per-folder counter that lives only while the folder
 * has work in flight. The first failure or an interruption stops every worker and is thrown; the partly
 * written target is left for the caller to delete before a retry.
 *
 * <p>Given an {@link EarlierCopy} (the same store in the newest verified set), a file whose size and modification
 * time equal those of the earlier copy's file is hard-linked from it, with the SHA-256 the earlier manifest recorded,
 * instead of being read and copied: each set stays a complete tree, and an unchanged file costs a directory entry.
 * When the target cannot hard-link (a cross-device link, a file system or SMB server without hard links), the first
 * failure is logged and reported, and the rest of the tree is copied as usual.
 */
public class FileStoreCopier {

    static final String SKIP_LINK = "symbolic link; not followed";
    static final String SKIP_SPECIAL = "not a regular file; not copied";
    static final String SKIP_MEETING_ACTIVE = "Meeting.Active is locked while a meeting runs (D2); not copied";

    private static final Logger log = LoggerFactory.getLogger(FileStoreCopier.class);
    private static final String MEETING_ACTIVE = "Meeting.Active";
    private static final int TASKS_PER_THREAD = 16;
    /**
     * Files handed to a worker at once, or fewer once they hold this many bytes to copy; a batch never spans two
     * folders, so the workers mostly create entries in different folders and do not queue for one folder's lock.
     */
    private static final int BATCH_FILES = 256;
    private static final long BATCH_BYTES = 4L << 20;

    private final int threads;

    public FileStoreCopier(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * Copies the tree under {@code sourceRoot} to {@code targetRoot}, which must not exist or be an empty folder.
     * The listener hears of every copied and skipped entry; an exception it throws stops the copy and is
     * rethrown as is.
     *
     * @throws TargetNotCleanException if the target holds anything
     * @throws FileStoreException on an I/O error (naming the file) or an interruption (interrupt flag kept)
     */
    public CopyReport copyTree(Path sourceRoot, Path targetRoot, CopyListener listener) {
        return copyTree(sourceRoot, targetRoot, listener, null);
    }

    /**
     * The same, hard-linking every file unchanged since {@code earlier} (may be null) from it; the listener hears of
     * those through {@link CopyListener#linked}.
     */
    public CopyReport copyTree(Path sourceRoot, Path targetRoot, CopyListener listener, EarlierCopy earlier) {
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        Path source = Folders.existing(sourceRoot, "source");
        Folders.requireDisjoint(source, targetRoot.toAbsolutePath().normalize());
        Path target = Folders.cleanTarget(targetRoot, false);
        Folders.requireDisjoint(source, target);
        Reuse reuse = earlier == null ? null : Reuse.of(earlier, source, target);
        Run run = new Run(source, listener, reuse);
        try (WorkerPool<CopyTask> pool = WorkerPool.start("filestore-copy", threads, threads * TASKS_PER_THREAD,
                BATCH_FILES, BATCH_BYTES, () -> run.new Worker(), task -> { })) {
            run.walk(target, pool);
            pool.finish();
        } finally {
            run.closeFolders();
        }
        String linkFailure = reuse == null ? null : reuse.failure.get();
        CopyReport report = new CopyReport(run.files, run.bytes, run.skipped, Duration.ofNanos(System.nanoTime() - started),
                run.linked, run.linkedBytes, linkFailure);
        if (reuse == null) {
            log.info("Copied file store {} to {}: {} files, {} bytes, {} skipped, in {}",
                    source, target, report.filesCopied(), report.bytesCopied(), report.filesSkipped(), report.elapsed());
        } else {
            log.info("Copied file store {} to {}: {} files ({} bytes) copied, {} unchanged files ({} bytes) hard-linked "
                            + "from {}, {} skipped, in {}", source, target, report.filesCopied(), report.bytesCopied(),
                    report.filesLinked(), report.bytesLinked(), earlier.label(), report.filesSkipped(), report.elapsed());
        }
        return report;
    }

    /** What a copy against an earlier copy needs: where its files are, and whether linking still works. */
    private static final class Reuse {

        final EarlierCopy earlier;
        final DirectoryGuard folders;
        final TimeGranularity granularity;
        final AtomicReference<String> failure = new AtomicReference<>();
        private volatile boolean enabled = true;

        private Reuse(EarlierCopy earlier, DirectoryGuard folders, TimeGranularity granularity) {
            this.earlier = earlier;
            this.folders = folders;
            this.granularity = granularity;
        }

        /** The earlier copy's checked real root, or null (with the reason logged) when it cannot be used. */
        static Reuse of(EarlierCopy earlier, Path source, Path target) {
            try {
                Path root = Folders.existing(earlier.root(), "earlier copy");
                Folders.requireDisjoint(source, root);
                Folders.requireDisjoint(target, root);
                return new Reuse(earlier, new DirectoryGuard(root, false), TimeGranularity.of(target));
            } catch (FileStoreException | IOException e) {
                log.warn("Not reusing files from {}: {}; copying the file store in full", earlier.label(),
                        e instanceof IOException io ? FileStoreException.describe(io) : e.getMessage());
                return null;
            }
        }

        boolean enabled() {
            return enabled;
        }

        /** Linking failed for a reason that will not go away within this copy: copy everything from now on. */
        void disable(Path target, Exception e) {
            enabled = false;
            String reason = e instanceof IOException io ? FileStoreException.describe(io) : e.toString();
            if (failure.compareAndSet(null, reason)) {
                log.warn("The backup share cannot hard-link {} from the earlier set {} ({}); copying the rest of this "
                        + "file store in full instead", target, earlier.label(), reason);
            }
        }

        /** The earlier copy's file at {@code relativePath}, or null when its folder is missing or unsafe. Walker only. */
        Path fileOf(String relativePath, Path name) {
            try {
                return folders.folderOf(relativePath).resolve(name);
            } catch (IOException | FileStoreException e) {
                return null;
            }
        }
    }

    /** One copy: the listener and the counters, guarded by the run's monitor so listener calls never overlap. */
    private static final class Run {

        private final Path source;
        private final CopyListener listener;
        private final Reuse reuse;
        private final Set<SourceDirectory> open = ConcurrentHashMap.newKeySet();
        private long files;
        private long bytes;
        private long skipped;
        private long linked;
        private long linkedBytes;

        Run(Path source, CopyListener listener, Reuse reuse) {
            this.source = source;
            this.listener = listener;
            this.reuse = reuse;
        }

        void walk(Path target, WorkerPool<CopyTask> pool) {
            try {
                SourceDirectory root = opened(SourceDirectory.open(source));
                BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class);
                walk(root, "", new Folder(target, attributes, null, root, this), pool);
            } catch (IOException e) {
                throw new FileStoreException("cannot read source " + source + ": " + FileStoreException.describe(e), e);
            }
        }

        private SourceDirectory opened(SourceDirectory dir) {
            open.add(dir);
            return dir;
        }

        void close(SourceDirectory dir) {
            if (open.remove(dir)) {
                try {
                    dir.close();
                } catch (IOException e) {
                    log.debug("Closing a source folder of {} failed", source, e);
                }
            }
        }

        /** Closes the source folders a stopped copy left open (a finished copy has closed them all). */
        void closeFolders() {
            for (SourceDirectory dir : Set.copyOf(open)) {
                close(dir);
            }
        }

        private void walk(SourceDirectory dir, String prefix, Folder folder, WorkerPool<CopyTask> pool) throws IOException {
            Iterator<Path> entries = dir.entries();
            boolean submitted = false;
            while (hasNext(entries, prefix)) {
                Path name = entries.next().getFileName();
                String relativePath = prefix + name;
                try {
                    BasicFileAttributes attributes = dir.attributes(name);
                    if (attributes.isDirectory()) {
                        if (submitted) {
                            pool.flush();
                            submitted = false;
                        }
                        Path sub = Files.createDirectory(folder.target.resolve(name));
                        SourceDirectory child = opened(dir.folder(name));
                        walk(child, relativePath + "/", new Folder(sub, attributes, folder, child, this), pool);
                    } else if (attributes.isSymbolicLink()) {
                        skipped(relativePath, SKIP_LINK);
                    } else if (!attributes.isRegularFile()) {
                        skipped(relativePath, SKIP_SPECIAL);
                    } else if (MEETING_ACTIVE.equalsIgnoreCase(name.toString())) {
                        skipped(relativePath, SKIP_MEETING_ACTIVE);
                    } else {
                        int entry = earlierEntry(relativePath, attributes);
                        Path earlierFile = entry < 0 ? null : reuse.fileOf(relativePath, name);
                        folder.pending.incrementAndGet();
                        pool.submit(new CopyTask(name, folder.target.resolve(name), relativePath, attributes, folder,
                                earlierFile, entry), earlierFile == null ? attributes.size() : 0);
                        submitted = true;
                    }
                } catch (IOException e) {
                    throw failure(relativePath, e);
                }
            }
            pool.flush();
            folder.release();
        }

        /** The earlier copy's entry when it may be the same file (same size recorded); -1 when it must be copied. */
        private int earlierEntry(String relativePath, BasicFileAttributes attributes) {
            if (reuse == null || !reuse.enabled()) {
                return -1;
            }
            int entry = reuse.earlier.find(relativePath);
            return entry >= 0 && reuse.earlier.size(entry) == attributes.size() ? entry : -1;
        }

        private boolean hasNext(Iterator<Path> entries, String prefix) {
            try {
                return entries.hasNext();
            } catch (DirectoryIteratorException e) {
                throw failure(prefix.isEmpty() ? "." : prefix, e.getCause());
            }
        }

        private synchronized void skipped(String relativePath, String reason) {
            skipped++;
            listener.skipped(relativePath, reason);
        }

        private synchronized void copied(String relativePath, long size, String sha256) {
            files++;
            bytes += size;
            listener.copied(relativePath, size, sha256);
        }

        private synchronized void linked(String relativePath, long size, String sha256) {
            linked++;
            linkedBytes += size;
            listener.linked(relativePath, size, sha256, reuse.earlier.label());
        }

        private FileStoreException failure(String relativePath, IOException e) {
            return new FileStoreException("cannot copy " + RelativePaths.quote(relativePath) + " from " + source + ": "
                    + FileStoreException.describe(e), e);
        }

        /** A worker thread's side of the run: its own buffer and digest. */
        final class Worker implements WorkerPool.Worker<CopyTask> {

            private final HashBuffer buffer = new HashBuffer();

            @Override
            public void process(CopyTask task) {
                try {
                    if (task.earlierFile != null && reuse.enabled()) {
                        String sha256 = link(task);
                        if (sha256 != null) {
                            task.folder.release();
                            linked(task.relativePath, task.attributes.size(), sha256);
                            return;
                        }
                    }
                    long size;
                    try (SeekableByteChannel in = task.folder.source.file(task.name);
                         FileChannel out = FileChannel.open(task.target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        size = buffer.copy(in, out);
                    }
                    Folders.setTimes(task.target, task.attributes);
                    task.folder.release();
                    copied(task.relativePath, size, buffer.hex());
                } catch (IOException e) {
                    throw failure(task.relativePath, e);
                }
            }

            /**
             * Hard-links the earlier copy's file and keeps the link when the file it names (checked through the new
             * link, so it is the very inode linked) is a regular file with the source file's size and modification
             * time; returns the SHA-256 the earlier manifest recorded, or null when the file must be copied instead.
             */
            private String link(CopyTask task) throws IOException {
                try {
                    Files.createLink(task.target, task.earlierFile);
                } catch (NoSuchFileException e) {
                    return null;
                } catch (FileSystemException e) {
                    if (!"Too many links".equals(e.getReason()) && isRegularFile(task.earlierFile)) {
                        reuse.disable(task.target, e);
                    }
                    return null;
                } catch (UnsupportedOperationException | SecurityException e) {
                    reuse.disable(task.target, e);
                    return null;
                }
                BasicFileAttributes linked = Files.readAttributes(task.target, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!linked.isRegularFile() || linked.size() != task.attributes.size()
                        || !reuse.granularity.same(linked.lastModifiedTime(), task.attributes.lastModifiedTime())) {
                    Files.delete(task.target);
                    return null;
                }
                return reuse.earlier.sha256(task.entry);
            }

            /** Whether a failed link was to a regular file (so the target refused it), not to something else. */
            private boolean isRegularFile(Path earlierFile) {
                try {
                    return Files.readAttributes(earlierFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .isRegularFile();
                } catch (IOException e) {
                    return false;
                }
            }
        }
    }

    /**
     * A target folder and how many of its entries are still being written; the last one sets its times and closes the
     * source folder, which workers open files in when a file cannot be linked.
     */
    private static final class Folder {

        final Path target;
        final BasicFileAttributes attributes;
        final Folder parent;
        final SourceDirectory source;
        final Run run;
        /** Starts at one for the walk of the folder itself. */
        final AtomicInteger pending = new AtomicInteger(1);

        Folder(Path target, BasicFileAttributes attributes, Folder parent, SourceDirectory source, Run run) {
            this.target = target;
            this.attributes = attributes;
            this.parent = parent;
            this.source = source;
            this.run = run;
            if (parent != null) {
                parent.pending.incrementAndGet();
            }
        }

        void release() throws IOException {
            if (pending.decrementAndGet() == 0) {
                run.close(source);
                Folders.setTimes(target, attributes);
                if (parent != null) {
                    parent.release();
                }
            }
        }
    }

    /**
     * One file: copied (opened in its folder's source directory), or, when {@code earlierFile} is set, hard-linked from
     * the earlier copy, falling back to a copy.
     */
    private record CopyTask(Path name, Path target, String relativePath, BasicFileAttributes attributes, Folder folder,
                            Path earlierFile, int entry) {
    }
}
