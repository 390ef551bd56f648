package org.lyncrunbooks.lyncshell;

/**
 * Thrown by {@link LyncShell#run(Cmdlet)} when a cmdlet did not succeed; the message is what the cmdlet itself
 * reported, ready to be shown to an operator.
 */
public class CmdletFailedException extends RuntimeException {

    /** The {@link #exitCode()} when the process never exited by itself (not started, or killed). */
    public static final int NO_EXIT_CODE = -1;

    private final String cmdletName;
    private final int exitCode;

    public CmdletFailedException(String cmdletName, int exitCode, String message) {
        this(cmdletName, exitCode, message, null);
    }

    public CmdletFailedException(String cmdletName, int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.cmdletName = cmdletName;
        this.exitCode = exitCode;
    }

    /** The cmdlet that failed, e.g. {@code Export-CsConfiguration}. */
    public String cmdletName() {
        return cmdletName;
    }

    /** The shell's exit code, or {@link #NO_EXIT_CODE} when it was not started or was killed. */
    public int exitCode() {
        return exitCode;
    }
}
