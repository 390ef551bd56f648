package org.lyncrunbooks.backupset;

/** A manifest that cannot be read: missing, malformed, or of an unknown format version. */
public class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
