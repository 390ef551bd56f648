package org.lyncrunbooks.backupset;

import java.util.List;

/**
 * The outcome of verifying a set against its manifest: files checked, bytes re-hashed, and every problem found, each
 * as {@code <path inside the set>: <what is wrong>}; {@code filesByIdentity} of the files passed by identity (hard
 * links to an earlier verified set, unchanged since) rather than by re-hashing.
 */
public record VerificationReport(String setId, long fileCount, long bytes, List<String> problems, long filesByIdentity) {

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public VerificationReport(String setId, long fileCount, long bytes, List<String> problems) {
        this(setId, fileCount, bytes, problems, 0);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
