package org.lyncrunbooks.backup;

import org.lyncrunbooks.workflow.ProcessDeployments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes the schedule's timer follow {@code lync.backup.schedule}. The starter deploys {@code processes/} only when
 * a file changed, and the cron is resolved from {@code ${backupSchedule.cron}} at deployment, so a changed cron
 * alone would never reach the timer. Here {@code lync-backup-schedule} is deployed once more, together with a
 * small resource holding the cron, with the engine's duplicate filter: when the cron (or the BPMN) differs from the
 * last such deployment a new version is deployed, and the engine replaces the previous version's timer by one for
 * the new cron (one timer, never two); when nothing changed nothing is deployed.
 *
 * <p>With several nodes the engine serialises deployments (its deployment lock), so two nodes starting with the
 * same new cron deploy it once. Every node must have the same {@code lync.backup.schedule}: a node started with
 * another one would deploy its own, and the last node started would win.
 */
@Component
class BackupScheduleDeployment implements SmartInitializingSingleton {

    static final String DEPLOYMENT_NAME = BackupProcess.SCHEDULE_KEY;
    static final String BPMN = "processes/" + BackupProcess.SCHEDULE_KEY + ".bpmn";
    static final String CRON_RESOURCE = BackupProcess.SCHEDULE_KEY + ".cron";
    private static final Logger log = LoggerFactory.getLogger(BackupScheduleDeployment.class);

    private final ProcessDeployments deployments;
    private final BackupSchedule schedule;

    BackupScheduleDeployment(ProcessDeployments deployments, BackupSchedule schedule) {
        this.deployments = deployments;
        this.schedule = schedule;
    }

    @Override
    public void afterSingletonsInstantiated() {
        deployments.deployIfChanged(DEPLOYMENT_NAME, BPMN, CRON_RESOURCE, schedule.getCron() + "\n")
                .ifPresent(id -> log.info("Backup schedule '{}' deployed ({}): its timer replaces the previous one",
                        schedule.getCron(), id));
    }
}
