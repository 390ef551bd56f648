package org.lyncrunbooks.lyncshell;

import java.time.Duration;

/** Thrown by {@link LyncShell#run(Cmdlet)} when a cmdlet ran longer than its timeout and was killed. */
public class CmdletTimeoutException extends CmdletFailedException {

    private final Duration timeout;

    public CmdletTimeoutException(String cmdletName, Duration timeout, String message, Throwable cause) {
        super(cmdletName, NO_EXIT_CODE, message, cause);
        this.timeout = timeout;
    }

    /** The timeout that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
