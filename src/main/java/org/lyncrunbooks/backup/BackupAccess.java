package org.lyncrunbooks.backup;

import java.util.List;

import org.lyncrunbooks.workflow.ProcessAccess;
import org.springframework.stereotype.Component;

/** The backup processes, for the groups' authorizations: operators start a cycle; the schedule starts one too. */
@Component
class BackupAccess implements ProcessAccess {

    @Override
    public List<String> startedByPeople() {
        return List.of(BackupProcess.KEY);
    }

    @Override
    public List<String> calledByOthers() {
        return List.of(BackupProcess.SCHEDULE_KEY);
    }
}
