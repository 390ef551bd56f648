package org.lyncrunbooks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The yardstick the file store targets were set from: a plain two-thread Java copy-and-hash with nothing else —
 * the tree listed up front, each thread taking the next file, reading it into a direct buffer, hashing and writing
 * it, and throwing the digest away. No manifest, no times, no link or special-file checks, no clean-target check.
 * It is not product code and nothing else uses it; the benchmark runs it beside {@code cp -a} and our backup in the
 * same run, so the table shows how far the targets are from what the hardware gives any hashing copy that day.
 */
final class ReferenceCopy {

    private ReferenceCopy() {
    }

    /** Copies every regular file under {@code source} to the same path under {@code target}; returns the files copied. */
    static int copy(Path source, Path target, int threads) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else if (Files.isRegularFile(path)) {
                    files.add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + source, e);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                        Path file = files.get(i);
                        try (FileChannel in = FileChannel.open(file);
                             FileChannel out = FileChannel.open(target.resolve(source.relativize(file).toString()),
                                     StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                            while (in.read(buffer.clear()) >= 0) {
                                buffer.flip();
                                digest.update(buffer);
                                buffer.rewind();
                                while (buffer.hasRemaining()) {
                                    out.write(buffer);
                                }
                            }
                        }
                        digest.digest();
                    }
                } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "reference-copy-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the reference copy failed: " + failure.get(), failure.get());
        }
        return files.size();
    }
}
