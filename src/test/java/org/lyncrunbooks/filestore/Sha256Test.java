package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path temp;

    @Test
    void hashesAFileAsLowercaseHex() throws IOException {
        byte[] content = TestTrees.randomBytes(7, 200_000);
        Path file = TestTrees.write(temp, "userdata/pool01.zip", content);

        assertThat(Sha256.hashFile(file)).isEqualTo(TestTrees.sha256(content)).matches("[0-9a-f]{64}");
    }

    @Test
    void namesAFileItCannotRead() {
        Path missing = temp.resolve("missing.zip");

        assertThatThrownBy(() -> Sha256.hashFile(missing))
                .isInstanceOf(FileStoreException.class)
                .hasMessageContaining(missing.toString());
    }
}
