package org.lyncrunbooks.drill;

import org.lyncrunbooks.workflow.ProcessDeployments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes the drill schedule's timer follow {@code lync.drill.schedule}, as the backup schedule's follows its cron:
 * {@code lync-restore-drill-schedule} is deployed again, with a small resource holding the cron, only when the cron
 * (or the BPMN) changed, and the engine replaces the previous version's timer by one for the new cron.
 */
@Component
class DrillScheduleDeployment implements SmartInitializingSingleton {

    static final String DEPLOYMENT_NAME = DrillProcess.SCHEDULE_KEY;
    static final String BPMN = "processes/" + DrillProcess.SCHEDULE_KEY + ".bpmn";
    static final String CRON_RESOURCE = DrillProcess.SCHEDULE_KEY + ".cron";
    private static final Logger log = LoggerFactory.getLogger(DrillScheduleDeployment.class);

    private final ProcessDeployments deployments;
    private final DrillSchedule schedule;

    DrillScheduleDeployment(ProcessDeployments deployments, DrillSchedule schedule) {
        this.deployments = deployments;
        this.schedule = schedule;
    }

    @Override
    public void afterSingletonsInstantiated() {
        deployments.deployIfChanged(DEPLOYMENT_NAME, BPMN, CRON_RESOURCE, schedule.getCron() + "\n")
                .ifPresent(id -> log.info("Restore drill schedule '{}' deployed ({}): its timer replaces the previous one",
                        schedule.getCron(), id));
    }
}
