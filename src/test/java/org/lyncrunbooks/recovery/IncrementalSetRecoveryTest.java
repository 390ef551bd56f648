package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.recovery.RecoveryLab.FILE_SERVER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.backupset.RetentionPolicy;

/**
 * A recovery from an incremental set works unchanged: the file store's unchanged files are hard links to the set
 * before it, which retention has since removed, and the R10 restore still brings back every byte.
 */
class IncrementalSetRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aLostFileServerComesBackByteForByteFromAnIncrementalSetWhoseEarlierSetIsGone() throws IOException {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        String first = lab.currentSet();
        Path fileStore = lab.fileStore("lab-fs01");
        Path changed = firstFile(fileStore, ".pptx");
        Files.write(changed, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        String second = lab.takeBackup();
        new BackupShare(lab.root).applyRetention(new RetentionPolicy(1, Duration.ofDays(30), Duration.ofHours(1)),
                Set.of(), Instant.now());
        Map<String, String> before = RecoveryLab.withoutMeetingActive(RecoveryLab.tree(fileStore));

        List<Manifest.File> files = fileStoreFiles(lab.setDirectory(second));
        assertThat(lab.setDirectory(first)).as("retention kept one set").doesNotExist();
        assertThat(files).filteredOn(f -> f.reusedFrom() != null).as("unchanged files were linked from the first set")
                .hasSize(files.size() - 1).allSatisfy(f -> assertThat(f.reusedFrom()).isEqualTo(first));
        RecoveryService service = lab.service();
        String set = service.assess(FILE_SERVER, "").setId();
        service.verifySet(set);
        lab.farm.destroyServer(FILE_SERVER);
        lab.farm.installOperatingSystem(FILE_SERVER);
        service.restoreFileStore("r10", FILE_SERVER, set, false);
        service.enableTopology("r10");

        assertThat(set).isEqualTo(second);
        assertThat(RecoveryLab.tree(fileStore)).isEqualTo(before);
    }

    private static Path firstFile(Path root, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().findFirst().orElseThrow();
        }
    }

    private static List<Manifest.File> fileStoreFiles(Path set) {
        List<Manifest.File> files = new ArrayList<>();
        ManifestReader.read(set.resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
            @Override
            public void file(String itemId, Manifest.File file) {
                if (itemId.equals("filestore:lab-fs01")) {
                    files.add(file);
                }
            }
        });
        return files;
    }
}
