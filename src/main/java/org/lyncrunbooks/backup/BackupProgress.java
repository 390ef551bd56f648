package org.lyncrunbooks.backup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The items this node is backing up right now and how far each has got: files and bytes written by the running
 * attempt. Done items are recorded in the set's working folder on the share (any node sees them); this adds the
 * bytes of items still running here, so the catalog's progress moves while a long file store copy runs.
 */
@Component
public class BackupProgress {

    private final Map<String, Map<Integer, RunWorkspace.FileLog>> running = new ConcurrentHashMap<>();

    void started(String setId, int index, RunWorkspace.FileLog files) {
        running.computeIfAbsent(setId, k -> new ConcurrentHashMap<>()).put(index, files);
    }

    void finished(String setId, int index) {
        running.computeIfPresent(setId, (k, items) -> {
            items.remove(index);
            return items.isEmpty() ? null : items;
        });
    }

    /** What the items of {@code setId} running on this node have written so far. */
    record Running(int items, long files, long bytes) {
    }

    Running running(String setId) {
        Map<Integer, RunWorkspace.FileLog> items = running.getOrDefault(setId, Map.of());
        long files = 0;
        long bytes = 0;
        for (RunWorkspace.FileLog log : items.values()) {
            files += log.fileCount();
            bytes += log.bytes();
        }
        return new Running(items.size(), files, bytes);
    }
}
