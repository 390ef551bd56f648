package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lyncrunbooks.filestore.TestTrees.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.testsupport.Prerequisites;

/**
 * A copy against an earlier copy of the same tree: unchanged files are hard-linked from it, changed and new ones are
 * copied, a target that cannot hard-link is copied to in full, and the verification passes linked files by identity
 * only while nothing has changed them.
 */
class IncrementalCopyTest {

    private static final String SLIDES = "1-WebServices-1/CollabContent/meeting-1/slides.pptx";
    private static final String HANDOUT = "1-WebServices-1/CollabContent/meeting-1/handout.pdf";
    private static final String README = "readme.txt";
    private static final String EMPTY = "1-WebServices-1/DeviceUpdateStore/empty.cab";

    @TempDir
    Path temp;

    private final FileStoreCopier copier = new FileStoreCopier(2);

    @Test
    void unchangedFilesAreHardLinkedFromTheEarlierCopyWithItsDigestAndChangedOrNewOnesAreCopied() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Path first = temp.resolve("set1/filestore/fs01");
        Listener night1 = new Listener();
        copier.copyTree(source, first, night1);
        byte[] rewritten = TestTrees.randomBytes(99, 70_000);
        write(source, HANDOUT, rewritten);
        write(source, "1-WebServices-1/CollabContent/meeting-2/new.pdf", "new since last night");

        Listener night2 = new Listener();
        CopyReport report = copier.copyTree(source, temp.resolve("set2/filestore/fs01"), night2,
                earlier(first, "set1", night1.files));

        Path second = temp.resolve("set2/filestore/fs01");
        assertThat(night2.linked).containsOnlyKeys(SLIDES, README, EMPTY);
        assertThat(night2.linked.values()).containsOnly("set1");
        assertThat(night2.files.keySet()).containsExactlyInAnyOrder(SLIDES, README, EMPTY, HANDOUT,
                "1-WebServices-1/CollabContent/meeting-2/new.pdf");
        for (String unchanged : List.of(SLIDES, README, EMPTY)) {
            assertThat(Files.isSameFile(second.resolve(unchanged), first.resolve(unchanged))).as(unchanged).isTrue();
            assertThat(night2.files.get(unchanged)).isEqualTo(night1.files.get(unchanged));
        }
        assertThat(Files.isSameFile(second.resolve(HANDOUT), first.resolve(HANDOUT))).isFalse();
        assertThat(night2.files.get(HANDOUT).sha256()).isEqualTo(TestTrees.sha256(rewritten));
        assertThat(Files.readAllBytes(first.resolve(HANDOUT))).as("the earlier set keeps its own handout")
                .isNotEqualTo(rewritten);
        assertThat(TestTrees.describe(second)).as("a complete tree with the source's times")
                .isEqualTo(TestTrees.describe(source));
        assertThat(report.filesLinked()).isEqualTo(3);
        assertThat(report.filesCopied()).isEqualTo(2);
        assertThat(report.bytesCopied()).isEqualTo(70_000 + "new since last night".length());
        assertThat(report.linkFailure()).isNull();
    }

    @Test
    void aFileRewrittenWithTheSameSizeIsCopiedBecauseItsTimeChanged() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Path first = temp.resolve("set1");
        Listener night1 = new Listener();
        copier.copyTree(source, first, night1);
        byte[] sameSize = TestTrees.randomBytes(7, (int) Files.size(source.resolve(SLIDES)));
        write(source, SLIDES, sameSize);

        Listener night2 = new Listener();
        copier.copyTree(source, temp.resolve("set2"), night2, earlier(first, "set1", night1.files));

        assertThat(night2.linked).doesNotContainKey(SLIDES);
        assertThat(night2.files.get(SLIDES).sha256()).isEqualTo(TestTrees.sha256(sameSize));
        assertThat(Files.readAllBytes(temp.resolve("set2").resolve(SLIDES))).isEqualTo(sameSize);
    }

    @Test
    void aFileChangedInTheEarlierCopyIsCopiedFromTheSourceInstead() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Path first = temp.resolve("set1");
        Listener night1 = new Listener();
        copier.copyTree(source, first, night1);
        Files.writeString(first.resolve(README), "tampered", StandardOpenOption.APPEND);
        Files.delete(first.resolve(EMPTY));

        Listener night2 = new Listener();
        copier.copyTree(source, temp.resolve("set2"), night2, earlier(first, "set1", night1.files));

        assertThat(night2.linked).containsOnlyKeys(SLIDES, HANDOUT);
        assertThat(Files.readString(temp.resolve("set2").resolve(README))).isEqualTo("Lync file store");
        assertThat(temp.resolve("set2").resolve(EMPTY)).exists().isEmptyFile();
    }

    @Test
    void neverLinksAFileReachedThroughALinkOutOfTheEarlierCopy() throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Path first = temp.resolve("set1");
        Listener night1 = new Listener();
        copier.copyTree(source, first, night1);
        Path outside = temp.resolve("outside/meeting-1");
        Files.createDirectories(outside.getParent());
        Files.move(first.resolve("1-WebServices-1/CollabContent/meeting-1"), outside);
        Files.createSymbolicLink(first.resolve("1-WebServices-1/CollabContent/meeting-1"), outside);

        Listener night2 = new Listener();
        copier.copyTree(source, temp.resolve("set2"), night2, earlier(first, "set1", night1.files));

        assertThat(night2.linked).containsOnlyKeys(README, EMPTY);
        assertThat(Files.isSameFile(temp.resolve("set2").resolve(SLIDES), outside.resolve("slides.pptx"))).isFalse();
    }

    @Test
    void aTargetThatCannotHardLinkFromTheEarlierCopyIsCopiedInFullAndSaysWhyOnce() throws IOException {
        Path shm = Path.of("/dev/shm");
        Prerequisites.require(Files.isDirectory(shm) && Files.isWritable(shm)
                        && !Files.getFileStore(shm).equals(Files.getFileStore(temp)),
                "/dev/shm on a file system of its own (a tmpfs), to hold an earlier copy on another file system than "
                        + temp);
        Path first = Files.createTempDirectory(shm, "incremental-copy-test-");
        try {
            Path source = TestTrees.sampleStore(temp.resolve("store"));
            Listener night1 = new Listener();
            copier.copyTree(source, first.resolve("fs01"), night1);

            Listener night2 = new Listener();
            CopyReport report = copier.copyTree(source, temp.resolve("set2/fs01"), night2,
                    earlier(first.resolve("fs01"), "set1", night1.files));

            assertThat(report.linkFailure()).as("a link across file systems fails with EXDEV")
                    .contains("cross-device");
            assertThat(report.filesLinked()).isZero();
            assertThat(report.filesCopied()).isEqualTo(4);
            assertThat(night2.linked).isEmpty();
            assertThat(night2.files).isEqualTo(night1.files);
            assertThat(TestTrees.describe(temp.resolve("set2/fs01"))).isEqualTo(TestTrees.describe(source));
        } finally {
            org.lyncrunbooks.backupset.AtomicFiles.deleteTree(first);
        }
    }

    @Test
    void theVerificationPassesALinkedFileByIdentityUntilSomethingWritesToIt() throws IOException {
        Path earlierSet = temp.resolve("set1");
        Path set = temp.resolve("set2");
        Listener night2 = twoNights(earlierSet, set);
        FileTime linkedBy = shareClock(set);
        TreeVerifier verifier = new TreeVerifier(2);

        VerifyReport clean = verifier.verify(set, expected(night2.files, linkedBy).iterator());
        assertThat(clean.ok()).isTrue();
        assertThat(clean.filesByIdentity()).isEqualTo(4);
        assertThat(clean.bytesChecked()).isZero();

        // the earlier set's copy (and so this set's, the same inode) changed in place, same size, time put back, in a
        // later tick of the file system's clock than the links
        awaitClockAfter(set, linkedBy);
        Path readme = earlierSet.resolve("fs01").resolve(README);
        FileTime time = Files.getLastModifiedTime(readme);
        Files.writeString(readme, "LYNC file store");
        Files.setLastModifiedTime(readme, time);

        VerifyReport afterWrite = verifier.verify(set, expected(night2.files, linkedBy).iterator());
        assertThat(afterWrite.filesByIdentity()).isEqualTo(3);
        assertThat(afterWrite.problems()).singleElement().satisfies(p -> {
            assertThat(p.relativePath()).isEqualTo("fs01/" + README);
            assertThat(p.kind()).isEqualTo(VerifyReport.Kind.CHECKSUM_MISMATCH);
        });
    }

    @Test
    void aLinkedFileReplacedAfterItWasLinkedIsReHashed() throws IOException {
        Path set = temp.resolve("set2");
        Listener night2 = twoNights(temp.resolve("set1"), set);
        FileTime linkedBy = shareClock(set);
        // the same bytes, but a file of its own, put there after the links were made: not what the earlier set verified
        awaitClockAfter(set, linkedBy);
        Path handout = set.resolve("fs01").resolve(HANDOUT);
        byte[] bytes = Files.readAllBytes(handout);
        FileTime time = Files.getLastModifiedTime(handout);
        Files.delete(handout);
        Files.write(handout, bytes);
        Files.setLastModifiedTime(handout, time);

        VerifyReport report = new TreeVerifier(2).verify(set, expected(night2.files, linkedBy).iterator());

        assertThat(report.ok()).isTrue();
        assertThat(report.filesByIdentity()).isEqualTo(3);
        assertThat(report.bytesChecked()).isEqualTo(bytes.length);
    }

    @Test
    void theTimeGranularityOfALocalFileSystemIsFoundByAProbeThatLeavesNothing() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("probe"));

        TimeGranularity granularity = TimeGranularity.of(folder);

        assertThat(granularity.nanos()).as("ext4, xfs and tmpfs keep nanoseconds").isEqualTo(1);
        try (var entries = Files.list(folder)) {
            assertThat(entries).isEmpty();
        }
        TimeGranularity smb = TimeGranularity.ofNanos(100);
        assertThat(smb.same(FileTime.from(Instant.parse("2026-01-01T00:00:00.123456789Z")),
                FileTime.from(Instant.parse("2026-01-01T00:00:00.1234567Z")))).isTrue();
        assertThat(smb.same(FileTime.from(Instant.parse("2026-01-01T00:00:00.123456789Z")),
                FileTime.from(Instant.parse("2026-01-01T00:00:00.1234568Z")))).isFalse();
    }

    private static EarlierCopy earlier(Path root, String label, Map<String, ExpectedFile> files) {
        EarlierCopy earlier = new EarlierCopy(root, label);
        files.values().forEach(f -> earlier.add(f.relativePath(), f.size(), f.sha256()));
        return earlier;
    }

    private static List<ExpectedFile> expected(Map<String, ExpectedFile> files, FileTime linkedBy) {
        List<ExpectedFile> expected = new ArrayList<>();
        for (ExpectedFile file : files.values()) {
            expected.add(new ExpectedFile("fs01/" + file.relativePath(), file.size(), file.sha256(), linkedBy));
        }
        return expected;
    }

    /** The sample store copied into {@code earlierSet/fs01}, then into {@code set/fs01} against it; the second night. */
    private Listener twoNights(Path earlierSet, Path set) throws IOException {
        Path source = TestTrees.sampleStore(temp.resolve("store"));
        Listener night1 = new Listener();
        copier.copyTree(source, earlierSet.resolve("fs01"), night1);
        Listener night2 = new Listener();
        copier.copyTree(source, set.resolve("fs01"), night2, earlier(earlierSet.resolve("fs01"), "set1", night1.files));
        return night2;
    }

    /** Waits until the file system's clock (it may tick every few milliseconds) has passed {@code time}. */
    private static void awaitClockAfter(Path folder, FileTime time) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                .until(() -> shareClock(folder).compareTo(time) > 0);
    }

    /** A time on the target's own clock, after the links: what the backup item records. */
    private static FileTime shareClock(Path set) throws IOException {
        Path probe = Files.createFile(set.resolve(".clock"));
        FileTime time = Files.readAttributes(probe, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).lastModifiedTime();
        Files.delete(probe);
        return time;
    }

    /** Every file the copier reported (copied or linked), and which were linked from which earlier copy. */
    private static final class Listener implements CopyListener {

        final Map<String, ExpectedFile> files = new LinkedHashMap<>();
        final Map<String, String> linked = new LinkedHashMap<>();

        @Override
        public void copied(String relativePath, long size, String sha256Hex) {
            files.put(relativePath, new ExpectedFile(relativePath, size, sha256Hex));
        }

        @Override
        public void linked(String relativePath, long size, String sha256Hex, String earlier) {
            files.put(relativePath, new ExpectedFile(relativePath, size, sha256Hex));
            linked.put(relativePath, earlier);
        }

        @Override
        public void skipped(String relativePath, String reason) {
        }
    }
}
