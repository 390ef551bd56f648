package org.lyncrunbooks.recovery;

/** Placeholder while built on the recovery branch (replaced at merge). */
public class BackupSetInvalidException extends RuntimeException {
    public BackupSetInvalidException(String message) {
        super(message);
    }
}
