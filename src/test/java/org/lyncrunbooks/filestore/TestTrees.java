package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Builds and compares small real trees for the file store tests. */
final class TestTrees {

    static final FileTime OLD_FILE_TIME = FileTime.from(Instant.parse("2021-03-04T05:06:07.123456789Z"));
    static final FileTime OLD_FOLDER_TIME = FileTime.from(Instant.parse("2020-01-02T03:04:05.987654321Z"));

    private TestTrees() {
    }

    static Path write(Path root, String relativePath, byte[] content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path root, String relativePath, String content) {
        return write(root, relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A small store-like tree: files of several sizes (one larger than a copy buffer), an empty file and an empty folder, all with old times. */
    static Path sampleStore(Path root) throws IOException {
        write(root, "readme.txt", "Lync file store");
        write(root, "1-WebServices-1/CollabContent/meeting-1/slides.pptx", randomBytes(1, HashBuffer.SIZE * 2 + 12345));
        write(root, "1-WebServices-1/CollabContent/meeting-1/handout.pdf", randomBytes(2, 70_000));
        write(root, "1-WebServices-1/DeviceUpdateStore/empty.cab", new byte[0]);
        Files.createDirectories(root.resolve("1-ApplicationServer-1/empty-folder"));
        ageTree(root);
        return root;
    }

    /** Gives every file and folder under {@code root} an old modification time, folders last. */
    static void ageTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    Files.setLastModifiedTime(file, OLD_FILE_TIME);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                Files.setLastModifiedTime(dir, OLD_FOLDER_TIME);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    /** Every entry under {@code root} by relative path: "F <mtime> <sha256>" for files, "D <mtime>" for folders. */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String kind = attributes.isSymbolicLink() ? "L " : "F ";
                entries.put(RelativePaths.relativize(root, file), kind + attributes.lastModifiedTime()
                        + (attributes.isRegularFile() ? " " + sha256(file) : ""));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                FileTime time = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).lastModifiedTime();
                entries.put(RelativePaths.relativize(root, dir), "D " + time);
                return FileVisitResult.CONTINUE;
            }
        });
        return entries;
    }

    /** Asserts that no file under {@code root} contains {@code marker}. */
    static void assertNoFileContains(Path root, String marker) throws IOException {
        try (var files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(marker);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static boolean workerThreadsAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }

    /** Records what a copier reports, as the manifest writer would. */
    static final class RecordingListener implements CopyListener {

        final Map<String, ExpectedFile> copied = new LinkedHashMap<>();
        final Map<String, String> skipped = new LinkedHashMap<>();

        @Override
        public void copied(String relativePath, long size, String sha256Hex) {
            copied.put(relativePath, new ExpectedFile(relativePath, size, sha256Hex));
        }

        @Override
        public void skipped(String relativePath, String reason) {
            skipped.put(relativePath, reason);
        }
    }
}
