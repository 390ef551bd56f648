package org.lyncrunbooks.lyncshell;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing {@code lync.shell.launcher} into one line saying so, instead of a bean-creation stack trace. */
class ShellLauncherFailureAnalyzer extends AbstractFailureAnalyzer<ShellLauncherMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ShellLauncherMissingException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set lync.shell.launcher (or LYNC_SHELL_LAUNCHER) and start "
                + "again; without lync.topology-file the lab farm runs instead. Nothing was started.", null);
    }
}
