package org.lyncrunbooks.backupset;

import java.nio.file.Path;

/** A set folder found on the backup share and what state it is in. */
public record BackupSetEntry(SetId id, Status status, Path directory) {

    /** The states a set folder can be in; only {@link #PUBLISHED} sets may be pointed at or restored from. */
    public enum Status {
        /** {@code <id>/}: complete and verified when it was published. */
        PUBLISHED,
        /** {@code <id>.partial/}: a run in progress, or the leftover of one that no longer exists. */
        PARTIAL,
        /** {@code <id>.partial/} with an abandon marker: an operator gave the run up. */
        ABANDONED
    }
}
