package org.lyncrunbooks.backup;

/** A set did not verify; the message names every file concerned. */
public class BackupVerificationException extends RuntimeException {

    public BackupVerificationException(String message) {
        super(message);
    }
}
