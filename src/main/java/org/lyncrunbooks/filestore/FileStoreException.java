package org.lyncrunbooks.filestore;

import java.nio.file.FileSystemException;

/** A file store copy, restore or verification failed; the message names the file and the cause. */
public class FileStoreException extends RuntimeException {

    public FileStoreException(String message) {
        super(message);
    }

    public FileStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Describes an I/O failure for a message that already names the file: Java's own messages repeat the
     * path and often lack the reason, so the exception type stands in for a missing reason.
     */
    static String describe(Exception e) {
        if (e instanceof FileSystemException fse) {
            return fse.getReason() == null ? fse.getClass().getSimpleName()
                    : fse.getClass().getSimpleName() + ": " + fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
