package org.lyncrunbooks.backup;

import org.camunda.bpm.engine.RepositoryService;
import org.lyncrunbooks.workflow.ScheduleDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes the backup schedule's timer follow {@code lync.backup.schedule}: {@link ScheduleDeployment} redeploys
 * {@code lync-backup-schedule} when the cron changed, and the engine replaces the previous version's timer by one
 * for the new cron.
 */
@Component
class BackupScheduleDeployment implements SmartInitializingSingleton {

    static final String DEPLOYMENT_NAME = BackupProcess.SCHEDULE_KEY;
    private static final Logger log = LoggerFactory.getLogger(BackupScheduleDeployment.class);

    private final RepositoryService repository;
    private final BackupSchedule schedule;

    BackupScheduleDeployment(RepositoryService repository, BackupSchedule schedule) {
        this.repository = repository;
        this.schedule = schedule;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String deployed = ScheduleDeployment.deploy(repository, BackupProcess.SCHEDULE_KEY, schedule.getCron());
        if (deployed != null) {
            log.info("Backup schedule '{}' deployed ({}): its timer replaces the previous one", schedule.getCron(), deployed);
        }
    }
}
