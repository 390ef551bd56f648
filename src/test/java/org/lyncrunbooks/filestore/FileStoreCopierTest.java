package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.lyncrunbooks.filestore.TestTrees.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreCopierTest {

    @TempDir
    Path temp;

    private final FileStoreCopier copier = new FileStoreCopier(2);

    @Test
    void copiesEveryByteAndReportsTheChecksumOfWhatItWrote() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Path target = temp.resolve("set/filestore/fs01");
        TestTrees.RecordingListener listener = new TestTrees.RecordingListener();

        CopyReport report = copier.copyTree(source, target, listener);

        assertThat(listener.copied).containsOnlyKeys("readme.txt", "1-WebServices-1/CollabContent/meeting-1/slides.pptx",
                "1-WebServices-1/CollabContent/meeting-1/handout.pdf", "1-WebServices-1/DeviceUpdateStore/empty.cab");
        long bytes = 0;
        for (ExpectedFile file : listener.copied.values()) {
            byte[] original = Files.readAllBytes(source.resolve(file.relativePath()));
            assertThat(Files.readAllBytes(target.resolve(file.relativePath()))).isEqualTo(original);
            assertThat(file.sha256()).isEqualTo(TestTrees.sha256(original));
            assertThat(file.size()).isEqualTo(original.length);
            bytes += original.length;
        }
        assertThat(Files.isDirectory(target.resolve("1-ApplicationServer-1/empty-folder"))).isTrue();
        assertThat(report.filesCopied()).isEqualTo(4);
        assertThat(report.bytesCopied()).isEqualTo(bytes);
        assertThat(report.filesSkipped()).isZero();
    }

    @Test
    void keepsTheModificationTimesOfFilesAndFolders() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Path target = temp.resolve("copy");

        copier.copyTree(source, target, new TestTrees.RecordingListener());

        assertThat(TestTrees.describe(target)).isEqualTo(TestTrees.describe(source));
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(TestTrees.OLD_FOLDER_TIME);
        assertThat(Files.getLastModifiedTime(target.resolve("1-WebServices-1/CollabContent")))
                .isEqualTo(TestTrees.OLD_FOLDER_TIME);
        assertThat(Files.getLastModifiedTime(target.resolve("readme.txt"))).isEqualTo(TestTrees.OLD_FILE_TIME);
    }

    @Test
    void skipsMeetingActiveFilesWhateverTheirCase() throws IOException {
        Path source = temp.resolve("store");
        write(source, "Meeting.Active", "locked");
        write(source, "conf/meeting.active", "locked");
        write(source, "conf/MEETING.ACTIVE", "locked");
        write(source, "conf/Meeting.Active.txt", "an ordinary file");
        Path target = temp.resolve("copy");
        TestTrees.RecordingListener listener = new TestTrees.RecordingListener();

        CopyReport report = copier.copyTree(source, target, listener);

        assertThat(listener.skipped).containsOnlyKeys("Meeting.Active", "conf/meeting.active", "conf/MEETING.ACTIVE");
        assertThat(listener.skipped.values()).allSatisfy(reason -> assertThat(reason).contains("Meeting.Active"));
        assertThat(listener.copied).containsOnlyKeys("conf/Meeting.Active.txt");
        assertThat(target.resolve("Meeting.Active")).doesNotExist();
        assertThat(target.resolve("conf/meeting.active")).doesNotExist();
        assertThat(target.resolve("conf/MEETING.ACTIVE")).doesNotExist();
        assertThat(report.filesSkipped()).isEqualTo(3);
    }

    @Test
    void neverFollowsLinksOutOfTheStore() throws IOException {
        Path outside = temp.resolve("outside");
        Path secret = write(outside, "secret.txt", "SECRET-OUTSIDE-THE-STORE");
        Path source = temp.resolve("store");
        write(source, "inside.txt", "inside");
        Files.createSymbolicLink(source.resolve("link-to-file"), secret);
        Files.createSymbolicLink(source.resolve("link-to-folder"), outside);
        Path target = temp.resolve("copy");
        TestTrees.RecordingListener listener = new TestTrees.RecordingListener();

        copier.copyTree(source, target, listener);

        assertThat(listener.skipped).containsOnly(
                Map.entry("link-to-file", FileStoreCopier.SKIP_LINK), Map.entry("link-to-folder", FileStoreCopier.SKIP_LINK));
        assertThat(listener.copied).containsOnlyKeys("inside.txt");
        assertThat(target.resolve("link-to-file")).doesNotExist();
        assertThat(Files.exists(target.resolve("link-to-folder"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        TestTrees.assertNoFileContains(target, "SECRET-OUTSIDE");
    }

    @Test
    void skipsSpecialFilesWithoutOpeningThem() throws Exception {
        Path source = temp.resolve("store");
        write(source, "plain.txt", "plain");
        Process mkfifo = new ProcessBuilder("mkfifo", source.resolve("pipe").toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo available").isZero();
        TestTrees.RecordingListener listener = new TestTrees.RecordingListener();

        copier.copyTree(source, temp.resolve("copy"), listener);

        assertThat(listener.skipped).containsOnly(Map.entry("pipe", FileStoreCopier.SKIP_SPECIAL));
        assertThat(listener.copied).containsOnlyKeys("plain.txt");
    }

    @Test
    void failsNamingTheFileWhenTheTargetCannotBeWritten() throws IOException {
        // A target path longer than the platform allows fails even for root, unlike permission bits.
        Path longPath = temp;
        while (longPath.toString().length() < 3700) {
            longPath = longPath.resolve("d".repeat(200));
        }
        Path deep = Files.createDirectories(longPath);
        Path source = temp.resolve("store");
        for (int i = 0; i < 50; i++) {
            write(source, "ok/file-" + i + ".txt", "fine " + i);
        }
        String tooLong = "conf/" + "x".repeat(250) + ".dat";
        write(source, tooLong, "cannot be written");

        assertThatThrownBy(() -> copier.copyTree(source, deep.resolve("copy"), new TestTrees.RecordingListener()))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining(tooLong)
                .hasMessageContaining("File name too long");
        assertThat(TestTrees.workerThreadsAlive("filestore-copy")).isFalse();
    }

    @Test
    void refusesATargetThatHoldsData() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Path target = temp.resolve("copy");
        write(target, "leftover.txt", "from an earlier attempt");

        assertThatThrownBy(() -> copier.copyTree(source, target, new TestTrees.RecordingListener()))
                .isInstanceOf(TargetNotCleanException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("1 entry");
        try (var entries = Files.list(target)) {
            assertThat(entries).containsExactly(target.resolve("leftover.txt"));
        }
    }

    @Test
    void acceptsAnEmptyTargetFolder() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Path target = Files.createDirectories(temp.resolve("copy"));

        CopyReport report = copier.copyTree(source, target, new TestTrees.RecordingListener());

        assertThat(report.filesCopied()).isEqualTo(4);
    }

    @Test
    void refusesAMissingSourceNamingIt() {
        Path missing = temp.resolve("no-such-store");

        assertThatThrownBy(() -> copier.copyTree(missing, temp.resolve("copy"), new TestTrees.RecordingListener()))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void refusesATargetInsideTheSource() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));

        assertThatThrownBy(() -> copier.copyTree(source, source.resolve("backup"), new TestTrees.RecordingListener()))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining("overlap");
        assertThat(source.resolve("backup")).doesNotExist();
    }

    @Test
    void stopsAndThrowsWhenInterrupted() throws IOException {
        Path source = temp.resolve("store");
        int files = 500;
        for (int i = 0; i < files; i++) {
            write(source, "folder-" + (i % 5) + "/file-" + i + ".dat", "content " + i);
        }
        Thread caller = Thread.currentThread();
        AtomicInteger copied = new AtomicInteger();
        CopyListener interruptingListener = new CopyListener() {
            @Override
            public void copied(String relativePath, long size, String sha256Hex) {
                if (copied.incrementAndGet() == 1) {
                    caller.interrupt();
                }
            }

            @Override
            public void skipped(String relativePath, String reason) {
            }
        };

        try {
            assertThatThrownBy(() -> copier.copyTree(source, temp.resolve("copy"), interruptingListener))
                    .isInstanceOf(FileStoreException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(copied.get()).isLessThan(files);
        assertThat(TestTrees.workerThreadsAlive("filestore-copy")).isFalse();
    }

    @Test
    void neverCallsTheListenerFromTwoThreadsAtOnce() throws IOException {
        Path source = temp.resolve("store");
        for (int i = 0; i < 400; i++) {
            write(source, "folder-" + (i % 8) + "/file-" + i + ".dat", "content " + i);
            Files.createSymbolicLink(source.resolve("folder-" + (i % 8) + "/link-" + i), Path.of("file-" + i + ".dat"));
        }
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        CopyListener listener = new CopyListener() {
            @Override
            public void copied(String relativePath, long size, String sha256Hex) {
                enterAndLeave();
            }

            @Override
            public void skipped(String relativePath, String reason) {
                enterAndLeave();
            }

            private void enterAndLeave() {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                calls.incrementAndGet();
                Thread.onSpinWait();
                inside.decrementAndGet();
            }
        };

        new FileStoreCopier(4).copyTree(source, temp.resolve("copy"), listener);

        assertThat(calls.get()).isEqualTo(800);
        assertThat(overlaps.get()).isZero();
    }
}
