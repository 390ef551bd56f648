package org.lyncrunbooks.backupset;

/** The backup share cannot be used (missing, not a directory, not writable, full); nothing was written. */
public class BackupShareUnavailableException extends RuntimeException {

    public BackupShareUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackupShareUnavailableException(String message) {
        super(message);
    }
}
