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

    /**
     * What to throw for a failure that happened on another thread: a runtime exception as is, an error is thrown
     * here, anything else wrapped with a message naming {@code what} failed.
     */
    static RuntimeException unchecked(String what, Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new FileStoreException(what + " failed: " + cause, cause);
    }
}
