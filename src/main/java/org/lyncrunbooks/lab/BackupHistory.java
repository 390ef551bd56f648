package org.lyncrunbooks.lab;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The lab instance's backup history, as SQL Server keeps it in {@code msdb.dbo.backupset}: every full backup of a
 * database, who took it, and whether it was {@code COPY_ONLY}. A full backup that is not copy-only becomes the base of
 * the database's next differential backups; a DBA whose own chain starts from the nightly full backup of the
 * organisation's SQL policy (D13) would then find that chain broken, because the new base is a file only this
 * application has. A copy-only backup changes nothing in the chain.
 */
final class BackupHistory {

    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {
    };

    /** One full backup. */
    record Entry(String database, String file, String takenBy, boolean copyOnly, Instant finishedAt) {
    }

    private final FarmLayout layout;
    private final StateFiles state;

    BackupHistory(FarmLayout layout, StateFiles state) {
        this.layout = layout;
        this.state = state;
    }

    void record(SqlStoreRef instance, Entry entry) {
        Path file = file(instance);
        synchronized (state.lock()) {
            List<Entry> entries = new ArrayList<>(state.readIfExists(file, ENTRIES).orElse(List.of()));
            entries.add(entry);
            state.write(file, entries);
        }
    }

    /** The full backup the database's next differential backup would be based on: the last one not copy-only. */
    Optional<Entry> differentialBase(SqlStoreRef instance, String database) {
        List<Entry> entries = state.readIfExists(file(instance), ENTRIES).orElse(List.of());
        Entry base = null;
        for (Entry entry : entries) {
            if (!entry.copyOnly() && entry.database().toLowerCase(Locale.ROOT).equals(database.toLowerCase(Locale.ROOT))) {
                base = entry;
            }
        }
        return Optional.ofNullable(base);
    }

    private Path file(SqlStoreRef instance) {
        Path dir = layout.instanceDir(instance);
        if (dir == null) {
            throw new IllegalArgumentException("'" + instance + "' is not a SQL Server instance (fqdn\\instance)");
        }
        return dir.resolve("backup-history.json");
    }
}
