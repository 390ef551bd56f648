package org.lyncrunbooks.drill;

import java.util.List;

import org.lyncrunbooks.workflow.ProcessAccess;
import org.springframework.stereotype.Component;

/** The drill processes, for the groups' authorizations: operators start a drill; the schedule starts one too. */
@Component
class DrillAccess implements ProcessAccess {

    @Override
    public List<String> startedByPeople() {
        return List.of(DrillProcess.KEY);
    }

    @Override
    public List<String> calledByOthers() {
        return List.of(DrillProcess.SCHEDULE_KEY);
    }
}
