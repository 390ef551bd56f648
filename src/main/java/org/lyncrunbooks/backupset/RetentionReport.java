package org.lyncrunbooks.backupset;

import java.util.List;

/** What one retention pass removed and kept. */
public record RetentionReport(List<String> deleted, List<String> kept) {

    public RetentionReport {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
    }
}
