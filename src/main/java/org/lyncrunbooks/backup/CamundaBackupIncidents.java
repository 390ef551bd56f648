package org.lyncrunbooks.backup;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/** {@link BackupIncidents} from the engine's runtime: one query, and a count only when the list is full. */
@Component
class CamundaBackupIncidents implements BackupIncidents {

    private final RuntimeService runtime;

    CamundaBackupIncidents(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public Open open(int listed) {
        List<Incident> incidents = runtime.createIncidentQuery()
                .processDefinitionKeyIn(BackupProcess.KEY, BackupProcess.SCHEDULE_KEY).listPage(0, listed);
        long count = incidents.size() < listed ? incidents.size()
                : runtime.createIncidentQuery().processDefinitionKeyIn(BackupProcess.KEY, BackupProcess.SCHEDULE_KEY).count();
        return new Open(count, incidents.stream().map(i -> i.getIncidentType() + " in process instance "
                + i.getProcessInstanceId() + ": " + i.getIncidentMessage()).toList());
    }
}
