package org.lyncrunbooks.topology;

import java.util.List;

/**
 * What one backup run must take for a topology: the items in a fixed order, and the databases deliberately
 * not backed up with the reason for each (written to the manifest's {@code excluded} list).
 */
public record BackupPlan(String topologySha256, List<BackupItem> items, List<Exclusion> excluded) {

    public BackupPlan {
        items = List.copyOf(items);
        excluded = List.copyOf(excluded);
    }

    /** A database not backed up, where it lives, and why (D1, D16). */
    public record Exclusion(String name, String source, String reason) {
    }
}
