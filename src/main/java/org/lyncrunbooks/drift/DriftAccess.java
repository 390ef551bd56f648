package org.lyncrunbooks.drift;

import java.util.List;

import org.lyncrunbooks.workflow.ProcessAccess;
import org.springframework.stereotype.Component;

/** {@code lync-topology-drift} is started by the check, never by people; operators work its task. */
@Component
class DriftAccess implements ProcessAccess {

    @Override
    public List<String> startedByPeople() {
        return List.of();
    }

    @Override
    public List<String> calledByOthers() {
        return List.of(TopologyDriftProcess.KEY);
    }
}
