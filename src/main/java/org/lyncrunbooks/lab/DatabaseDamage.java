package org.lyncrunbooks.lab;

/**
 * Damage done to a lab database that no checksum sees: the backup taken afterwards verifies, only {@code DBCC
 * CHECKDB} on a restored copy finds it ({@link LabConsistency}).
 */
public enum DatabaseDamage {
    /** Half of a page of the largest table lost a value its column declares NOT NULL, as a page written half-way. */
    TORN_PAGE,
    /** A key of the largest table's primary key appears twice, as when an index and its rows disagree. */
    BROKEN_INDEX
}
