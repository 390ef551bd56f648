package org.lyncrunbooks.drill;

import org.camunda.bpm.engine.RepositoryService;
import org.lyncrunbooks.workflow.ScheduleDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** The engine adapter that makes the drill schedule's timer follow {@code lync.drill.schedule} (see {@link ScheduleDeployment}). */
@Component
class CamundaDrillScheduleDeployment implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CamundaDrillScheduleDeployment.class);

    private final RepositoryService repository;
    private final DrillSchedule schedule;

    CamundaDrillScheduleDeployment(RepositoryService repository, DrillSchedule schedule) {
        this.repository = repository;
        this.schedule = schedule;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String deployed = ScheduleDeployment.deploy(repository, DrillProcess.SCHEDULE_KEY, schedule.getCron());
        if (deployed != null) {
            log.info("Restore drill schedule '{}' deployed ({}): its timer replaces the previous one", schedule.getCron(),
                    deployed);
        }
    }
}
