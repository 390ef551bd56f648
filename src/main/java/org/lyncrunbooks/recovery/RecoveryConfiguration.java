package org.lyncrunbooks.recovery;

import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The tools the recovery service uses beyond the backup cycle's: the file store restorer and, outside the lab, DNS. */
@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

    @Bean
    FileStoreRestorer fileStoreRestorer() {
        return new FileStoreRestorer(Runtime.getRuntime().availableProcessors());
    }

    /** The lab farm has a DNS of its own (its {@code LabHostResolver}); everywhere else the system resolver answers. */
    @Bean
    @Profile("!lab")
    HostResolver dnsHostResolver() {
        return new DnsHostResolver();
    }
}
