package org.lyncrunbooks.failover;

import java.util.List;

import org.lyncrunbooks.workflow.ProcessAccess;
import org.springframework.stereotype.Component;

/** The failover, failback and mirror recovery processes, for the groups' authorizations: people start them. */
@Component
class FailoverAccess implements ProcessAccess {

    @Override
    public List<String> startedByPeople() {
        return List.of(FailoverProcess.KEY, FailbackProcess.KEY, MirrorRecoveryProcess.KEY);
    }

    @Override
    public List<String> calledByOthers() {
        return List.of();
    }
}
