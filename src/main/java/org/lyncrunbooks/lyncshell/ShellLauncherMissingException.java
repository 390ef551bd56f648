package org.lyncrunbooks.lyncshell;

/**
 * Outside the lab no {@code lync.shell.launcher} is configured, so no cmdlet could run. Raised before anything
 * starts and reported as one line by {@link ShellLauncherFailureAnalyzer}.
 */
public class ShellLauncherMissingException extends IllegalStateException {

    public ShellLauncherMissingException() {
        super(ShellConfiguration.NOT_CONFIGURED);
    }
}
