package org.lyncrunbooks.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.lyncrunbooks.backupset.AtomicFiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Per-test-class folders and settings for integration tests on a small lab farm. */
final class LabTestDirectories {

    private LabTestDirectories() {
    }

    static Path create(String name) {
        try {
            Path dir = Files.createTempDirectory(name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> AtomicFiles.deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void register(DynamicPropertyRegistry registry, Path work, String database) {
        registry.add("lync.lab.directory", () -> work.resolve("lab").toString());
        registry.add("lync.lab.users-per-pool", () -> "20");
        registry.add("lync.lab.files-per-store", () -> "60");
        registry.add("lync.backup.root", () -> work.resolve("backups").toString());
        registry.add("lync.backup.item.retries", () -> "2");
        registry.add("lync.backup.item.retry-delay", () -> "PT0.2S");
        registry.add("lync.backup.worker.poll-interval", () -> "PT0.1S");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
    }
}
