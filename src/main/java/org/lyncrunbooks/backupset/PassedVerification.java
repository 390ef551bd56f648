package org.lyncrunbooks.backupset;

import java.time.Instant;

/**
 * The record a backup run leaves of the verification its set passed ({@code <root>/.verified/<setId>.json}): whether
 * it was a full pass (every file re-hashed) or an incremental one (files hard-linked from an earlier set checked by
 * identity), and how many runs have passed since the last full pass, which decides when the next one is due.
 *
 * @param runsSinceFullPass 0 for a full pass; otherwise one more than the previous set's
 * @param filesByIdentity   files that passed by identity rather than by re-hashing
 * @param bytesRehashed     bytes read and hashed
 */
public record PassedVerification(String setId, Instant verifiedAt, boolean fullPass, int runsSinceFullPass, long files,
                                 long filesByIdentity, long bytesRehashed) {
}
