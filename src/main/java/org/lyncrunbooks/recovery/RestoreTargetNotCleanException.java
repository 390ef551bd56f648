package org.lyncrunbooks.recovery;

/** Placeholder while built on the recovery branch (replaced at merge). */
public class RestoreTargetNotCleanException extends RuntimeException {
    public RestoreTargetNotCleanException(String message) {
        super(message);
    }
}
