package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copier keeps no per-file state: the heap that survives a full collection is the same, within a generous
 * margin, after 2,000 and after 20,000 files. The margin (1 KiB per file) is the benchmark's own limit, so a
 * per-file list of paths or digests would fail this test while collector noise does not.
 */
class FileStoreCopierMemoryTest {

    private static final int FILES = 20_000;
    private static final int FIRST_SAMPLE = 2_000;

    @TempDir
    Path temp;

    @Test
    void heapDoesNotGrowWithTheNumberOfFiles() throws IOException {
        Path source = temp.resolve("store");
        byte[] content = new byte[16];
        for (int folder = 0; folder < 40; folder++) {
            Files.createDirectories(source.resolve("folder-" + folder));
        }
        for (int i = 0; i < FILES; i++) {
            Files.write(source.resolve("folder-" + (i % 40) + "/file-" + i + ".dat"), content);
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] heap = new long[2];
        CopyListener counting = new CopyListener() {
            private int copied;

            @Override
            public void copied(String relativePath, long size, String sha256Hex) {
                copied++;
                if (copied == FIRST_SAMPLE) {
                    heap[0] = usedAfterCollection(memory);
                } else if (copied == FILES) {
                    heap[1] = usedAfterCollection(memory);
                }
            }

            @Override
            public void skipped(String relativePath, String reason) {
            }
        };

        CopyReport report = new FileStoreCopier(2).copyTree(source, temp.resolve("copy"), counting);

        assertThat(report.filesCopied()).isEqualTo(FILES);
        assertThat(heap[1] - heap[0]).as("heap growth over %d files", FILES - FIRST_SAMPLE)
                .isLessThan((FILES - FIRST_SAMPLE) * 1024L);
    }

    private static long usedAfterCollection(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
