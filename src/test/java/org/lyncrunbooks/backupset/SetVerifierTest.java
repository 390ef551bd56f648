package org.lyncrunbooks.backupset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A set folder on disk checked against its manifest: each way a set can be wrong is named, and a good set passes. */
class SetVerifierTest {

    private static final String SET_ID = "20261126T020000Z";

    @TempDir
    Path share;
    private Path set;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final SetVerifier verifier = new SetVerifier(2);

    @BeforeEach
    void writeSet() throws IOException {
        set = Files.createDirectories(share.resolve(SET_ID + ".partial"));
        for (int i = 0; i < 300; i++) {
            files.put("filestore/fs/d" + (i % 7) + "/f" + i + ".dat", ("content " + i).getBytes(StandardCharsets.UTF_8));
        }
        files.put("cms/CsConfiguration.zip", new byte[100_000]);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path file = set.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        Files.createDirectories(set.resolve(".run/items"));
        Files.writeString(set.resolve(".run/items/00000.json"), "{}");
    }

    @Test
    void aCompleteSetVerifies() {
        writeManifest(files.keySet().toArray(String[]::new));

        VerificationReport report = verifier.verify(set, Set.of(".run"));

        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.fileCount()).isEqualTo(301);
        assertThat(report.bytes()).isEqualTo(files.values().stream().mapToLong(b -> b.length).sum());
    }

    @Test
    void namesAFlippedByte() throws IOException {
        writeManifest(files.keySet().toArray(String[]::new));
        Path victim = set.resolve("filestore/fs/d3/f10.dat");
        byte[] bytes = Files.readAllBytes(victim);
        bytes[0] ^= 1;
        Files.write(victim, bytes);

        assertThat(verifier.verify(set, Set.of(".run")).problems())
                .singleElement().asString().startsWith("filestore/fs/d3/f10.dat: checksum mismatch");
    }

    @Test
    void namesAFileTheManifestDoesNotList() throws IOException {
        writeManifest(files.keySet().toArray(String[]::new));
        Files.writeString(set.resolve("filestore/fs/d1/stray.txt"), "not listed");

        assertThat(verifier.verify(set, Set.of(".run")).problems())
                .containsExactly("filestore/fs/d1/stray.txt: not in the manifest");
    }

    @Test
    void aStrayFileCannotHideBehindAMissingOne() throws IOException {
        writeManifest(files.keySet().toArray(String[]::new));
        Files.delete(set.resolve("filestore/fs/d2/f2.dat"));
        Files.writeString(set.resolve("filestore/fs/d2/f2.dat.tmp"), "same count of files, different names");

        assertThat(verifier.verify(set, Set.of(".run")).problems()).containsExactlyInAnyOrder(
                "filestore/fs/d2/f2.dat: missing",
                "filestore/fs/d2/f2.dat.tmp: not in the manifest");
    }

    @Test
    void aFileListedTwiceIsNamedAndCannotHideAStrayFile() throws IOException {
        String[] listed = files.keySet().toArray(String[]::new);
        String[] withDuplicate = java.util.Arrays.copyOf(listed, listed.length + 1);
        withDuplicate[listed.length] = listed[5];
        writeManifest(withDuplicate);
        Files.writeString(set.resolve("filestore/fs/extra.bin"), "balances the count");

        assertThat(verifier.verify(set, Set.of(".run")).problems()).containsExactlyInAnyOrder(
                listed[5] + ": listed twice in the manifest",
                "filestore/fs/extra.bin: not in the manifest");
    }

    @Test
    void aManifestOfAnotherSetIsRefused() throws IOException {
        writeManifest(files.keySet().toArray(String[]::new));
        Path other = share.resolve("20261127T020000Z");
        Files.move(set, other);

        assertThat(verifier.verify(other, Set.of(".run")).problems())
                .containsExactly("manifest.json: names set " + SET_ID + " but lies in folder 20261127T020000Z");
    }

    @Test
    void fingerprintsTellRepeatsFromNewPaths() {
        SetVerifier.Fingerprints fingerprints = new SetVerifier.Fingerprints();
        for (int i = 0; i < 50_000; i++) {
            assertThat(fingerprints.add("filestore/fs/" + i)).isTrue();
        }
        assertThat(fingerprints.add("filestore/fs/123")).isFalse();
        assertThat(fingerprints.add("")).isTrue();
        assertThat(fingerprints.add("")).isFalse();
    }

    private void writeManifest(String... paths) {
        Instant at = Instant.parse("2026-11-26T02:00:00Z");
        try (ManifestWriter writer = ManifestWriter.open(set.resolve(Manifest.FILE_NAME),
                new Manifest.Header(Manifest.FORMAT_VERSION, SET_ID, at, at.plusSeconds(60), "0".repeat(64)))) {
            writer.beginItem(new Manifest.Item("filestore:fs", "filestore", "\\\\fs\\share", "copy", at, at.plusSeconds(30)));
            for (String path : paths) {
                byte[] content = files.get(path);
                writer.file(new Manifest.File(path, content.length, sha256(content)));
            }
            writer.endItem();
            writer.commit();
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
