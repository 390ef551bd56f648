package org.lyncrunbooks.topology;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid topology at start-up into a short report instead of a bean-creation stack trace. */
class TopologyFailureAnalyzer extends AbstractFailureAnalyzer<TopologyInvalidException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopologyInvalidException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the topology file named above (see docs/topology.md) and start again. "
                        + "Nothing was started and nothing was written.",
                cause);
    }
}
