package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupItemRunnerTest {

    @TempDir
    Path set;

    @Test
    void anAttemptRemovesWhatEarlierAttemptsAndTheirToolsLeftBehind() throws Exception {
        Path userdata = Files.createDirectories(set.resolve("userdata"));
        Path target = userdata.resolve("pool01.lab.contoso.local.zip");
        // a node killed mid-item: the attempt's file, and the cmdlet's own temporary copy of it
        Files.writeString(userdata.resolve(".pool01.lab.contoso.local.attempt-7e849996.zip"), "half");
        Files.writeString(userdata.resolve("..pool01.lab.contoso.local.attempt-7e849996.zip.95c01857.partial"), "half");
        // another item's files in the same folder stay
        Files.writeString(userdata.resolve("se01.lab.contoso.local.zip"), "done");
        Files.writeString(userdata.resolve(".se01.lab.contoso.local.attempt-0cefd449.zip"), "running");

        BackupItemRunner.deleteAttempts(target);

        try (var left = Files.list(userdata)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "se01.lab.contoso.local.zip", ".se01.lab.contoso.local.attempt-0cefd449.zip");
        }
    }
}
