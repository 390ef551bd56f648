package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.recovery.RecoveryLab.FILE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.SE;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A set is verified before a recovery restores from it, and a set that failed is never restored from (I6). */
class SetVerificationTest {

    @TempDir
    Path dir;

    @Test
    void aFlippedByteAndATruncatedFileAreNamedRecordedAndKeepEveryRestoreAway() throws Exception {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        String setId = lab.currentSet();
        Path set = lab.setDirectory(setId);
        Path userData = set.resolve("userdata/" + SE + ".zip");
        flipByte(userData, 100);
        Path treeFile;
        try (var files = Files.walk(set.resolve("filestore/lab-fs01"))) {
            treeFile = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(treeFile.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        String truncated = set.relativize(treeFile).toString();
        RecoveryService service = lab.service();

        assertThatThrownBy(() -> service.verifySet(setId))
                .isInstanceOf(BackupSetInvalidException.class)
                .hasMessageStartingWith("backup set " + setId + " does not match its manifest (2 problems)")
                .hasMessageContaining("userdata/" + SE + ".zip: ")
                .hasMessageContaining(truncated + ": ");

        JsonNode record = new ObjectMapper().readTree(lab.root.resolve(".verification/" + setId + ".json").toFile());
        assertThat(record.get("setId").asText()).isEqualTo(setId);
        assertThat(record.get("result").asText()).isEqualTo("failed");
        assertThat(record.get("problems")).hasSize(2);
        assertThatThrownBy(() -> service.restoreUserData("r3", SE, setId))
                .isInstanceOf(BackupSetInvalidException.class)
                .hasMessageContaining("failed verification").hasMessageContaining("never restored from (I6)");
        assertThatThrownBy(() -> service.restoreFileStore("r10", FILE_SERVER, setId, true))
                .isInstanceOf(BackupSetInvalidException.class);
        assertThat(lab.count("Import-CsUserData")).isZero();
        assertThat(service.journal("r3")).isEmpty();
    }

    @Test
    void aSetThatVerifiesPassesAndClearsAnEarlierFailure() throws Exception {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        String setId = lab.currentSet();
        Path userData = lab.setDirectory(setId).resolve("userdata/" + SE + ".zip");
        RecoveryService service = lab.service();
        flipByte(userData, 7);
        assertThatThrownBy(() -> service.verifySet(setId)).isInstanceOf(BackupSetInvalidException.class);

        flipByte(userData, 7);
        service.verifySet(setId);

        assertThat(lab.root.resolve(".verification/" + setId + ".json")).doesNotExist();
        assertThat(service.assess(SE, setId).setId()).isEqualTo(setId);
    }

    private static void flipByte(Path file, long position) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x01);
        }
    }
}
