package org.lyncrunbooks.backupset;

import java.util.List;

/**
 * The outcome of verifying a set against its manifest: files and bytes checked, and every problem found, each as
 * {@code <path inside the set>: <what is wrong>}.
 */
public record VerificationReport(String setId, long fileCount, long bytes, List<String> problems) {

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
