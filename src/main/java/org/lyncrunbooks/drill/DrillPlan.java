package org.lyncrunbooks.drill;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestException;
import org.lyncrunbooks.backupset.ManifestReader;

/**
 * What a drill of a set drills: every item of its manifest, pending, with the files it will read (a file store's
 * tree by its folder and number of files: its file list is read again when it is restored, never held).
 */
record DrillPlan(Instant setCompletedAt, List<DrillRecord.Item> items) {

    private static final String FILE_STORE = "filestore:";

    /** @throws DrillRefusedException when the set has no manifest that can be read */
    static DrillPlan of(Path setDirectory, String setId) {
        List<DrillRecord.Item> items = new ArrayList<>();
        Manifest.Header[] header = new Manifest.Header[1];
        Map<String, List<String>> files = new LinkedHashMap<>();
        try {
            ManifestReader.read(setDirectory.resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
                @Override
                public void header(Manifest.Header h) {
                    header[0] = h;
                }

                @Override
                public void file(String itemId, Manifest.File file) {
                    if (!itemId.startsWith(FILE_STORE)) {
                        files.computeIfAbsent(itemId, k -> new ArrayList<>()).add(file.path());
                    }
                }

                @Override
                public void item(Manifest.Item item) {
                    List<String> paths = item.itemId().startsWith(FILE_STORE)
                            ? List.of("filestore/" + item.itemId().substring(FILE_STORE.length()) + "/ ("
                            + item.fileCount() + " files)")
                            : files.getOrDefault(item.itemId(), List.of());
                    items.add(new DrillRecord.Item(item.itemId(), item.kind(), item.source(), null, item.bytes(), paths,
                            DrillRecord.Outcome.PENDING, null, null, null, null, null, null, null, null, null));
                }
            });
        } catch (ManifestException e) {
            throw new DrillRefusedException("backup set " + setId + " has no usable manifest: " + e.getMessage());
        }
        return new DrillPlan(header[0].completedAt(), items);
    }
}
