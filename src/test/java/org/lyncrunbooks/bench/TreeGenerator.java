package org.lyncrunbooks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Generates the benchmark's file store trees: large and small files spread over folders, with random
 * (incompressible) content from a fixed seed, so every run of the benchmark reads the same bytes.
 */
final class TreeGenerator {

    private TreeGenerator() {
    }

    /** {@code bigFiles} of {@code bigSize} bytes and {@code smallFiles} of {@code smallSize} bytes in {@code folders} folders. */
    static long generate(Path root, int folders, int bigFiles, int bigSize, int smallFiles, int smallSize) {
        SplittableRandom random = new SplittableRandom(2013);
        byte[] big = new byte[Math.max(bigSize, 1)];
        byte[] small = new byte[Math.max(smallSize, 1)];
        long bytes = 0;
        try {
            for (int f = 0; f < folders; f++) {
                Files.createDirectories(root.resolve(folder(f)));
            }
            for (int i = 0; i < bigFiles; i++) {
                random.nextBytes(big);
                write(root.resolve(folder(i % folders)).resolve(String.format("recording-%05d.bin", i)), big, bigSize);
                bytes += bigSize;
            }
            for (int i = 0; i < smallFiles; i++) {
                random.nextBytes(small);
                write(root.resolve(folder(i % folders)).resolve(String.format("meeting-content-%06d.dat", i)), small, smallSize);
                bytes += smallSize;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the tree under " + root, e);
        }
        return bytes;
    }

    private static String folder(int f) {
        return String.format("conference-%02d", f);
    }

    private static void write(Path file, byte[] content, int size) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content, 0, size);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }
}
