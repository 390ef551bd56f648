package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.lyncrunbooks.filestore.TestTrees.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.filestore.VerifyReport.Kind;
import org.lyncrunbooks.filestore.VerifyReport.Problem;

class TreeVerifierTest {

    private static final String SLIDES = "1-WebServices-1/CollabContent/meeting-1/slides.pptx";
    private static final String HANDOUT = "1-WebServices-1/CollabContent/meeting-1/handout.pdf";

    @TempDir
    Path temp;

    private final TreeVerifier verifier = new TreeVerifier(2);
    private Path set;
    private List<ExpectedFile> manifest;

    @BeforeEach
    void backUpSampleStore() throws IOException {
        Path store = TestTrees.sampleStore(temp.resolve("store"));
        set = temp.resolve("set");
        TestTrees.RecordingListener listener = new TestTrees.RecordingListener();
        new FileStoreCopier(2).copyTree(store, set, listener);
        manifest = new ArrayList<>(listener.copied.values());
    }

    @Test
    void passesAnIntactSet() {
        VerifyReport report = verifier.verify(set, manifest.iterator());

        assertThat(report.ok()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.filesChecked()).isEqualTo(manifest.size());
        assertThat(report.bytesChecked()).isEqualTo(manifest.stream().mapToLong(ExpectedFile::size).sum());
    }

    @Test
    void namesAFlippedByteATruncatedFileAndAMissingFile() throws IOException {
        byte[] slides = Files.readAllBytes(set.resolve(SLIDES));
        slides[12345] ^= 0x40;
        Files.write(set.resolve(SLIDES), slides);
        byte[] handout = Files.readAllBytes(set.resolve(HANDOUT));
        Files.write(set.resolve(HANDOUT), Arrays.copyOf(handout, handout.length - 10));
        Files.delete(set.resolve("readme.txt"));

        VerifyReport report = verifier.verify(set, manifest.iterator());

        assertThat(report.ok()).isFalse();
        assertThat(report.problemCount()).isEqualTo(3);
        assertThat(report.problems()).extracting(Problem::relativePath, Problem::kind).containsExactlyInAnyOrder(
                tuple(SLIDES, Kind.CHECKSUM_MISMATCH), tuple(HANDOUT, Kind.SIZE_MISMATCH), tuple("readme.txt", Kind.MISSING));
        assertThat(report.problems()).filteredOn(problem -> problem.kind() == Kind.CHECKSUM_MISMATCH).singleElement()
                .satisfies(problem -> assertThat(problem.toString()).startsWith("'" + SLIDES + "': checksum mismatch: expected "));
    }

    @Test
    void refusesToFollowALinkEvenToIdenticalContent() throws IOException {
        Path outside = Files.copy(set.resolve("readme.txt"), temp.resolve("outside-readme.txt"));
        Files.delete(set.resolve("readme.txt"));
        Files.createSymbolicLink(set.resolve("readme.txt"), outside);

        VerifyReport report = verifier.verify(set, manifest.iterator());

        assertThat(report.problems()).extracting(Problem::relativePath, Problem::kind)
                .containsExactly(tuple("readme.txt", Kind.NOT_A_REGULAR_FILE));
    }

    @Test
    void reportsUnsafePathsAndLinkedFoldersLeadingOutside() throws IOException {
        Path outsideFolder = Files.createDirectories(temp.resolve("outside"));
        write(outsideFolder, "x.txt", "x");
        Files.createSymbolicLink(set.resolve("linked"), outsideFolder);
        String sha = TestTrees.sha256("x".getBytes());
        List<ExpectedFile> hostile = List.of(new ExpectedFile("../outside/x.txt", 1, sha),
                new ExpectedFile("/etc/hostname", 1, sha), new ExpectedFile("linked/x.txt", 1, sha));

        VerifyReport report = verifier.verify(set, hostile.iterator());

        assertThat(report.problems()).extracting(Problem::relativePath, Problem::kind).containsExactlyInAnyOrder(
                tuple("../outside/x.txt", Kind.UNSAFE_PATH), tuple("/etc/hostname", Kind.UNSAFE_PATH),
                tuple("linked/x.txt", Kind.UNSAFE_PATH));
        assertThat(report.bytesChecked()).isZero();
    }

    @Test
    void capsTheProblemListButCountsEveryProblem() {
        String sha = TestTrees.sha256(new byte[0]);
        List<ExpectedFile> missing = IntStream.range(0, VerifyReport.MAX_PROBLEMS + 5)
                .mapToObj(i -> new ExpectedFile("gone/file-" + i, 0, sha)).collect(Collectors.toList());

        VerifyReport report = verifier.verify(set, missing.iterator());

        assertThat(report.problemCount()).isEqualTo(VerifyReport.MAX_PROBLEMS + 5);
        assertThat(report.problems()).hasSize(VerifyReport.MAX_PROBLEMS).allMatch(problem -> problem.kind() == Kind.MISSING);
    }

    @Test
    void findsFilesAndLinksThatTheManifestDoesNotList() throws IOException {
        write(set, "manifest.json", "{}");
        write(set, "1-WebServices-1/extra.bin", "not backed up by us");
        Files.createSymbolicLink(set.resolve("stray-link"), temp);
        Set<String> expected = manifest.stream().map(ExpectedFile::relativePath).collect(Collectors.toSet());

        List<String> unexpected = TreeVerifier.unexpectedFiles(set, expected, "manifest.json"::equals);

        assertThat(unexpected).containsExactly("1-WebServices-1/extra.bin", "stray-link");
    }

    @Test
    void refusesAMissingRoot() {
        Path missing = temp.resolve("no-such-set");

        assertThatThrownBy(() -> verifier.verify(missing, manifest.iterator()))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining(missing.toString());
    }
}
