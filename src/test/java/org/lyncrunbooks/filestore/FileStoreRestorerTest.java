package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.filestore.TestTrees.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileStoreRestorerTest {

    private static final String SLIDES = "1-WebServices-1/CollabContent/meeting-1/slides.pptx";

    @TempDir
    Path temp;

    private final FileStoreRestorer restorer = new FileStoreRestorer(2);
    private Path store;
    private Path set;
    private List<ExpectedFile> manifest;

    @BeforeEach
    void backUpSampleStore() throws IOException {
        store = TestTrees.sampleStore(temp.resolve("store"));
        set = temp.resolve("set/filestore/fs01");
        TestTrees.RecordingListener listener = new TestTrees.RecordingListener();
        new FileStoreCopier(2).copyTree(store, set, listener);
        manifest = new ArrayList<>(listener.copied.values());
    }

    @Test
    void restoresTheTreeAsItWasBackedUp() throws IOException {
        Path target = temp.resolve("restored");

        CopyReport report = restorer.restoreTree(set, target, manifest.iterator(), false);

        assertThat(TestTrees.describe(target)).isEqualTo(TestTrees.describe(store));
        assertThat(report.filesCopied()).isEqualTo(manifest.size());
        assertThat(report.bytesCopied()).isEqualTo(manifest.stream().mapToLong(ExpectedFile::size).sum());
    }

    @Test
    void refusesATargetThatHoldsDataAndWritesNothing() throws IOException {
        Path target = temp.resolve("restored");
        write(target, "existing.txt", "live data");

        assertThatThrownBy(() -> restorer.restoreTree(set, target, manifest.iterator(), false))
                .isInstanceOf(TargetNotCleanException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("1 entry");
        assertThat(TestTrees.describe(target)).containsOnlyKeys("", "existing.txt");
    }

    @Test
    void writesOverFilesWithTheOverrideAndDeletesNothingElse() throws IOException {
        Path target = temp.resolve("restored");
        write(target, "keep.txt", "not in the backup");
        write(target, SLIDES, "an older version");

        restorer.restoreTree(set, target, manifest.iterator(), true);

        assertThat(Files.readAllBytes(target.resolve(SLIDES))).isEqualTo(Files.readAllBytes(store.resolve(SLIDES)));
        assertThat(target.resolve("keep.txt")).hasContent("not in the backup");
    }

    @Test
    void refusesToReplaceAFolderEvenWithTheOverride() throws IOException {
        Path target = temp.resolve("restored");
        Files.createDirectories(target.resolve("readme.txt/inside"));

        assertThatThrownBy(() -> restorer.restoreTree(set, target, manifest.iterator(), true))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("readme.txt");
        assertThat(target.resolve("readme.txt/inside")).isDirectory();
        assertNoTemporaryFiles(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/passwd", "a/../../x", "a\\b", "a//b", "./a", "a/", "", "a\0b"})
    void refusesUnsafeManifestPathsWritingNothing(String hostile) throws IOException {
        Path target = temp.resolve("restored");
        Map<String, String> before = TestTrees.describe(temp.resolve("set"));
        ExpectedFile entry = new ExpectedFile(hostile, 1, TestTrees.sha256(new byte[] {'x'}));

        assertThatThrownBy(() -> restorer.restoreTree(set, target, List.of(entry).iterator(), false))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("unsafe path");
        assertThat(TestTrees.describe(target)).containsOnlyKeys("");
        assertThat(TestTrees.describe(temp.resolve("set"))).isEqualTo(before);
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void refusesALinkInTheSetThatPointsOutside() throws IOException {
        Path secret = write(temp.resolve("outside"), "secret.txt", "SECRET-OUTSIDE-THE-SET");
        Files.createSymbolicLink(set.resolve("link.txt"), secret);
        ExpectedFile entry = new ExpectedFile("link.txt", Files.size(secret), TestTrees.sha256(secret));
        Path target = temp.resolve("restored");

        assertThatThrownBy(() -> restorer.restoreTree(set, target, List.of(entry).iterator(), false))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("'link.txt'")
                .hasMessageContaining("symbolic link");
        assertThat(TestTrees.describe(target)).containsOnlyKeys("");
    }

    @Test
    void refusesALinkedFolderInTheSetThatPointsOutside() throws IOException {
        Path secret = write(temp.resolve("outside"), "secret.txt", "SECRET-OUTSIDE-THE-SET");
        Files.createSymbolicLink(set.resolve("linked"), secret.getParent());
        ExpectedFile entry = new ExpectedFile("linked/secret.txt", Files.size(secret), TestTrees.sha256(secret));
        Path target = temp.resolve("restored");

        assertThatThrownBy(() -> restorer.restoreTree(set, target, List.of(entry).iterator(), false))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("'linked'")
                .hasMessageContaining("outside");
        assertThat(TestTrees.describe(target)).containsOnlyKeys("");
    }

    @Test
    void refusesALinkedFolderInTheTargetWithTheOverride() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path target = Files.createDirectories(temp.resolve("restored"));
        Files.createSymbolicLink(target.resolve("1-WebServices-1"), outside);

        assertThatThrownBy(() -> restorer.restoreTree(set, target, manifest.iterator(), true))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("1-WebServices-1");
        try (var written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void refusesALinkInTheTargetWhereTheSetHasAnEmptyFolder() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path target = Files.createDirectories(temp.resolve("restored"));
        Files.createDirectories(target.resolve("1-ApplicationServer-1"));
        Files.createSymbolicLink(target.resolve("1-ApplicationServer-1/empty-folder"), outside);

        assertThatThrownBy(() -> restorer.restoreTree(set, target, manifest.iterator(), true))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("empty-folder").hasMessageContaining("is not a folder");
        try (var written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
        assertThat(Files.getLastModifiedTime(outside)).isNotEqualTo(Files.getLastModifiedTime(
                set.resolve("1-ApplicationServer-1/empty-folder")));
    }

    @Test
    void refusesAFileWithAFlippedByteNamingItAndLeavesNoTemporaryFile() throws IOException {
        byte[] bytes = Files.readAllBytes(set.resolve(SLIDES));
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(set.resolve(SLIDES), bytes);
        Path target = temp.resolve("restored");

        assertThatThrownBy(() -> restorer.restoreTree(set, target, manifest.iterator(), false))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("checksum mismatch for '" + SLIDES + "': expected " + TestTrees.sha256(store.resolve(SLIDES))
                        + ", got " + TestTrees.sha256(bytes));
        assertThat(target.resolve(SLIDES)).doesNotExist();
        assertNoTemporaryFiles(target);
    }

    @Test
    void refusesATruncatedFileNamingIt() throws IOException {
        byte[] bytes = Files.readAllBytes(set.resolve(SLIDES));
        Files.write(set.resolve(SLIDES), java.util.Arrays.copyOf(bytes, bytes.length - 1));
        Path target = temp.resolve("restored");

        assertThatThrownBy(() -> restorer.restoreTree(set, target, manifest.iterator(), false))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("size mismatch for '" + SLIDES + "'");
        assertNoTemporaryFiles(target);
    }

    @Test
    void refusesAFileMissingFromTheSetNamingIt() throws IOException {
        Files.delete(set.resolve(SLIDES));

        assertThatThrownBy(() -> restorer.restoreTree(set, temp.resolve("restored"), manifest.iterator(), false))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("'" + SLIDES + "' is missing from the set");
    }

    @Test
    void stopsAndThrowsWhenInterruptedLeavingNoTemporaryFile() throws IOException {
        Path target = temp.resolve("restored");
        Iterator<ExpectedFile> endless = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next == 50) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }

            @Override
            public ExpectedFile next() {
                return manifest.get(next++ % manifest.size());
            }
        };

        try {
            assertThatThrownBy(() -> restorer.restoreTree(set, target, endless, true))
                    .isInstanceOf(FileStoreException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(TestTrees.workerThreadsAlive("filestore-restore")).isFalse();
        assertNoTemporaryFiles(target);
    }

    private static void assertNoTemporaryFiles(Path target) throws IOException {
        assertThat(TestTrees.describe(target).keySet()).noneMatch(path -> path.contains(".restore-"));
    }
}
