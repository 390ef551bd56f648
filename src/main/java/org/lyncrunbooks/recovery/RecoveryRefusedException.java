package org.lyncrunbooks.recovery;

/** Placeholder while built on the recovery branch (replaced at merge). */
public class RecoveryRefusedException extends RuntimeException {
    public RecoveryRefusedException(String message) {
        super(message);
    }
}
