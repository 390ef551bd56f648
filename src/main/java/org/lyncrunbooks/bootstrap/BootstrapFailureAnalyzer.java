package org.lyncrunbooks.bootstrap;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A refused bootstrap stops start-up with its reason, not with a stack trace. */
class BootstrapFailureAnalyzer extends AbstractFailureAnalyzer<BootstrapRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BootstrapRefusedException cause) {
        return new FailureAnalysis("The bootstrap from the backup share did not go ahead: " + cause.getMessage(),
                "Nothing was restored over existing data. Follow docs/self-recovery.md (\"Recovering lync-runbooks "
                        + "itself\").", null);
    }
}
