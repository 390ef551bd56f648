package org.lyncrunbooks.lyncshell;

/** Thrown by a {@link ShellLauncher} when the shell could not be started at all, so nothing ran. */
public class ShellLaunchException extends RuntimeException {

    public ShellLaunchException(String message) {
        super(message);
    }

    public ShellLaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
