package org.lyncrunbooks.lyncshell;

import java.time.Duration;

/**
 * Runs a Lync Server Management Shell script. The production launcher starts the configured process
 * ({@code lync.shell.launcher}, e.g. {@code powershell.exe -NoProfile -NonInteractive -Command -} or the same over
 * {@code ssh}) and writes the script to its standard input; the lab farm interprets the same script text.
 */
public interface ShellLauncher {

    /**
     * Runs {@code script} and waits for it at most {@code timeout}.
     *
     * @throws ShellTimeoutException when the script did not finish in time (the process has been killed)
     * @throws ShellLaunchException  when the launcher could not be started at all
     */
    ShellOutput run(String script, Duration timeout);
}
