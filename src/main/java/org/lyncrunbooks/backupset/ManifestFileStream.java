package org.lyncrunbooks.backupset;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.lyncrunbooks.filestore.ExpectedFile;
import org.lyncrunbooks.filestore.FileStoreException;

/**
 * The files of one manifest item as a pull iterator, read by a thread of its own through the push-style
 * {@link ManifestReader}, so that a file store of hundreds of thousands of files is restored without holding its
 * file list in memory (reliability scenario 13). Paths come out relative to {@code prefix}.
 */
public final class ManifestFileStream implements Iterator<ExpectedFile>, AutoCloseable {

    private static final int BUFFERED = 1024;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BUFFERED);
    private final Thread reader;
    private volatile boolean closed;
    private Object next;

    private ManifestFileStream(Path manifest, String itemId, String prefix) {
        this.reader = new Thread(() -> read(manifest, itemId, prefix), "manifest-files-" + itemId);
        reader.setDaemon(true);
    }

    /** Starts reading the files of {@code itemId} whose paths start with {@code prefix}. */
    public static ManifestFileStream open(Path manifest, String itemId, String prefix) {
        ManifestFileStream stream = new ManifestFileStream(manifest, itemId, prefix);
        stream.reader.start();
        return stream;
    }

    private void read(Path manifest, String itemId, String prefix) {
        try {
            ManifestReader.read(manifest, new ManifestReader.Visitor() {
                @Override
                public void file(String item, Manifest.File file) {
                    if (!item.equals(itemId)) {
                        return;
                    }
                    if (!file.path().startsWith(prefix)) {
                        throw new FileStoreException("manifest entry " + file.path() + " of " + itemId
                                + " is not under " + prefix);
                    }
                    put(new ExpectedFile(file.path().substring(prefix.length()), file.size(), file.sha256()));
                }
            });
            put(END);
        } catch (Closed e) {
            // the consumer stopped early; nothing more to read
        } catch (RuntimeException e) {
            offerFailure(e);
        }
    }

    private void put(Object element) {
        try {
            while (!queue.offer(element, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Closed();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Closed();
        }
    }

    private void offerFailure(RuntimeException failure) {
        try {
            put(failure);
        } catch (Closed ignored) {
            // nobody is reading any more
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FileStoreException("interrupted while reading the manifest", e);
            }
        }
        if (next instanceof RuntimeException failure) {
            next = END;
            throw failure;
        }
        return next != END;
    }

    @Override
    public ExpectedFile next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ExpectedFile file = (ExpectedFile) next;
        next = null;
        return file;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
    }

    /** Stops the reader thread when the consumer went away. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super(null, null, false, false);
        }
    }
}
