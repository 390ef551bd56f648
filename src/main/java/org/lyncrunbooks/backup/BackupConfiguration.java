package org.lyncrunbooks.backup;

import java.time.Clock;

import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.lyncrunbooks.workflow.ExternalTaskWorker;
import org.lyncrunbooks.workflow.ExternalTaskWorkers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The backup share, the tools the backup cycle uses, and the worker that backs up its items. */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

    @Bean
    BackupShare backupShare(BackupProperties properties) {
        return new BackupShare(properties.root());
    }

    @Bean
    BackupSchedule backupSchedule(BackupProperties properties) {
        return new BackupSchedule(properties.schedule());
    }

    /**
     * Runs {@code ServiceTask_BackUpItem} as an in-process external-task worker with lock extension rather than as
     * an async service task: a file store copy can outlast any job lock, and a job whose lock expires would run
     * twice.
     */
    @Bean
    ExternalTaskWorker<Integer> backupItemWorker(ExternalTaskWorkers workers, BackupItemHandler handler,
                                                 BackupProperties properties) {
        return workers.worker(BackupItemHandler.settings(properties), handler);
    }

    @Bean
    FileStoreCopier fileStoreCopier() {
        return new FileStoreCopier(Runtime.getRuntime().availableProcessors());
    }

    @Bean
    SetVerifier setVerifier() {
        return new SetVerifier(Runtime.getRuntime().availableProcessors());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
