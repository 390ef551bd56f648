package org.lyncrunbooks.recovery;

/**
 * A backup set does not match its manifest (a changed, truncated, missing or extra file), or failed verification
 * earlier: it is never restored from (I6). The message names every file concerned.
 */
public class BackupSetInvalidException extends RuntimeException {

    public BackupSetInvalidException(String message) {
        super(message);
    }
}
