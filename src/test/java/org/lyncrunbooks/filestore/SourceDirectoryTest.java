package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.filestore.TestTrees.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both ways of reading a source folder refuse links: the secure one used on Linux and the by-path fallback. */
class SourceDirectoryTest {

    @TempDir
    Path temp;

    private Path folder;

    @BeforeEach
    void folderWithLinks() throws IOException {
        Path outside = write(temp.resolve("outside"), "secret.txt", "SECRET");
        folder = temp.resolve("store");
        write(folder, "file.txt", "inside");
        Files.createDirectories(folder.resolve("sub"));
        Files.createSymbolicLink(folder.resolve("file-link"), outside);
        Files.createSymbolicLink(folder.resolve("folder-link"), outside.getParent());
    }

    @Test
    void secureDirectoryListsReadsAndRefusesLinks() throws IOException {
        try (SourceDirectory directory = SourceDirectory.open(folder)) {
            assertBehaviour(directory);
        }
    }

    @Test
    void byPathDirectoryListsReadsAndRefusesLinks() throws IOException {
        try (SourceDirectory directory = new SourceDirectory.ByPath(folder, Files.newDirectoryStream(folder))) {
            assertBehaviour(directory);
        }
    }

    private static void assertBehaviour(SourceDirectory directory) throws IOException {
        List<String> names = new ArrayList<>();
        directory.entries().forEachRemaining(entry -> names.add(entry.getFileName().toString()));
        assertThat(names).containsExactlyInAnyOrder("file.txt", "sub", "file-link", "folder-link");

        assertThat(directory.attributes(Path.of("file-link")).isSymbolicLink()).isTrue();
        assertThat(directory.attributes(Path.of("folder-link")).isSymbolicLink()).isTrue();
        assertThat(directory.attributes(Path.of("sub")).isDirectory()).isTrue();
        try (SeekableByteChannel in = directory.file(Path.of("file.txt"))) {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            in.read(buffer);
            assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)).isEqualTo("inside");
        }
        assertThatThrownBy(() -> directory.file(Path.of("file-link"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> directory.folder(Path.of("folder-link"))).isInstanceOf(IOException.class);
        try (SourceDirectory sub = directory.folder(Path.of("sub"))) {
            assertThat(sub.entries().hasNext()).isFalse();
        }
    }
}
