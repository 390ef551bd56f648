package org.lyncrunbooks.lyncshell;

import java.time.Duration;

/**
 * Thrown by a {@link ShellLauncher} when a script did not finish within its timeout; the process (and its
 * descendants) has been killed, and what it wrote until then is kept.
 */
public class ShellTimeoutException extends RuntimeException {

    private final Duration timeout;
    private final String stdout;
    private final String stderr;

    public ShellTimeoutException(Duration timeout, String stdout, String stderr) {
        super("the shell did not finish within " + timeout + " and was killed");
        this.timeout = timeout;
        this.stdout = stdout == null ? "" : stdout;
        this.stderr = stderr == null ? "" : stderr;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Standard output captured until the process was killed. */
    public String stdout() {
        return stdout;
    }

    /** Standard error captured until the process was killed. */
    public String stderr() {
        return stderr;
    }
}
