package org.lyncrunbooks.lyncshell;

/** A Management Shell script did not finish within its timeout; the launcher has stopped waiting for it. */
public class ShellTimeoutException extends RuntimeException {

    public ShellTimeoutException(String message) {
        super(message);
    }
}
