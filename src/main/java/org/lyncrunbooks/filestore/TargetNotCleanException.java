package org.lyncrunbooks.filestore;

/** A copy or restore was refused because its target folder already holds data (D3: restore only onto clean targets). */
public class TargetNotCleanException extends FileStoreException {

    public TargetNotCleanException(String message) {
        super(message);
    }
}
