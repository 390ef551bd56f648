package org.lyncrunbooks.backup;

import java.time.Clock;

import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The backup share and the tools the backup cycle uses. */
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
