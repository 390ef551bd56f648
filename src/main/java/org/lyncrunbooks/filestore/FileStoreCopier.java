package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a Lync file store tree into a backup set, hashing every file in the same pass, leaving out
 * {@code Meeting.Active} files (locked while a meeting runs, D2) and never following links.
 *
 * <p>The calling thread walks the tree and opens each file; worker threads copy and hash. A bounded queue
 * between them keeps memory flat whatever the size of the tree. Each folder's modification time is set once
 * the last of its entries has been written, tracked by a per-folder counter that lives only while the folder
 * has work in flight. The first failure or an interruption stops every worker and is thrown; the partly
 * written target is left for the caller to delete before a retry.
 */
public class FileStoreCopier {

    static final String SKIP_LINK = "symbolic link; not followed";
    static final String SKIP_SPECIAL = "not a regular file; not copied";
    static final String SKIP_MEETING_ACTIVE = "Meeting.Active is locked while a meeting runs (D2); not copied";

    private static final Logger log = LoggerFactory.getLogger(FileStoreCopier.class);
    private static final String MEETING_ACTIVE = "Meeting.Active";
    private static final int TASKS_PER_THREAD = 16;

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
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        Path source = Folders.existing(sourceRoot, "source");
        Folders.requireDisjoint(source, targetRoot.toAbsolutePath().normalize());
        Path target = Folders.cleanTarget(targetRoot, false);
        Folders.requireDisjoint(source, target);
        Run run = new Run(source, listener);
        try (WorkerPool<CopyTask> pool = WorkerPool.start("filestore-copy", threads, threads * TASKS_PER_THREAD,
                () -> run.new Worker(), CopyTask::discard)) {
            run.walk(target, pool);
            pool.finish();
        }
        CopyReport report = new CopyReport(run.files, run.bytes, run.skipped, Duration.ofNanos(System.nanoTime() - started));
        log.info("Copied file store {} to {}: {} files, {} bytes, {} skipped, in {}",
                source, target, report.filesCopied(), report.bytesCopied(), report.filesSkipped(), report.elapsed());
        return report;
    }

    /** One copy: the listener and the counters, guarded by the run's monitor so listener calls never overlap. */
    private static final class Run {

        private final Path source;
        private final CopyListener listener;
        private long files;
        private long bytes;
        private long skipped;

        Run(Path source, CopyListener listener) {
            this.source = source;
            this.listener = listener;
        }

        void walk(Path target, WorkerPool<CopyTask> pool) {
            try (SourceDirectory root = SourceDirectory.open(source)) {
                BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class);
                walk(root, "", new Folder(target, attributes, null), pool);
            } catch (IOException e) {
                throw new FileStoreException("cannot read source " + source + ": " + FileStoreException.describe(e), e);
            }
        }

        private void walk(SourceDirectory dir, String prefix, Folder folder, WorkerPool<CopyTask> pool) throws IOException {
            Iterator<Path> entries = dir.entries();
            while (hasNext(entries, prefix)) {
                Path name = entries.next().getFileName();
                String relativePath = prefix + name;
                try {
                    BasicFileAttributes attributes = dir.attributes(name);
                    if (attributes.isDirectory()) {
                        Path sub = Files.createDirectory(folder.target.resolve(name));
                        try (SourceDirectory child = dir.folder(name)) {
                            walk(child, relativePath + "/", new Folder(sub, attributes, folder), pool);
                        }
                    } else if (attributes.isSymbolicLink()) {
                        skipped(relativePath, SKIP_LINK);
                    } else if (!attributes.isRegularFile()) {
                        skipped(relativePath, SKIP_SPECIAL);
                    } else if (MEETING_ACTIVE.equalsIgnoreCase(name.toString())) {
                        skipped(relativePath, SKIP_MEETING_ACTIVE);
                    } else {
                        SeekableByteChannel in = dir.file(name);
                        folder.pending.incrementAndGet();
                        pool.submit(new CopyTask(in, folder.target.resolve(name), relativePath, attributes, folder));
                    }
                } catch (IOException e) {
                    throw failure(relativePath, e);
                }
            }
            folder.release();
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

        private FileStoreException failure(String relativePath, IOException e) {
            return new FileStoreException("cannot copy " + RelativePaths.quote(relativePath) + " from " + source + ": "
                    + FileStoreException.describe(e), e);
        }

        /** A worker thread's side of the run: its own buffer and digest. */
        final class Worker implements WorkerPool.Worker<CopyTask> {

            private final HashBuffer buffer = new HashBuffer();

            @Override
            public void process(CopyTask task) {
                long size;
                try {
                    try (SeekableByteChannel in = task.source;
                         FileChannel out = FileChannel.open(task.target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        size = buffer.copy(in, out);
                    }
                    Folders.setTimes(task.target, task.attributes);
                    task.folder.release();
                } catch (IOException e) {
                    throw failure(task.relativePath, e);
                }
                copied(task.relativePath, size, buffer.hex());
            }
        }
    }

    /** A target folder and how many of its entries are still being written; the last one sets its times. */
    private static final class Folder {

        final Path target;
        final BasicFileAttributes attributes;
        final Folder parent;
        /** Starts at one for the walk of the folder itself. */
        final AtomicInteger pending = new AtomicInteger(1);

        Folder(Path target, BasicFileAttributes attributes, Folder parent) {
            this.target = target;
            this.attributes = attributes;
            this.parent = parent;
            if (parent != null) {
                parent.pending.incrementAndGet();
            }
        }

        void release() throws IOException {
            if (pending.decrementAndGet() == 0) {
                Folders.setTimes(target, attributes);
                if (parent != null) {
                    parent.release();
                }
            }
        }
    }

    private record CopyTask(SeekableByteChannel source, Path target, String relativePath,
                            BasicFileAttributes attributes, Folder folder) {

        void discard() {
            try {
                source.close();
            } catch (IOException e) {
                log.debug("Closing {} after a stopped copy failed", relativePath, e);
            }
        }
    }
}
