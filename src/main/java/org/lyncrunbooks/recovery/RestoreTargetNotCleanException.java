package org.lyncrunbooks.recovery;

/**
 * A restore was refused because its target (a file store folder, a database) already holds data and no override
 * was approved (D3, I6). The message names each target and what it holds; nothing was written.
 */
public class RestoreTargetNotCleanException extends RuntimeException {

    public RestoreTargetNotCleanException(String message) {
        super(message);
    }

    public RestoreTargetNotCleanException(String message, Throwable cause) {
        super(message, cause);
    }
}
