package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RecoveryConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(RecoveryConfiguration.class);

    @Test
    void outsideTheLabDnsIsTheSystemResolver() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(FileStoreRestorer.class);
            assertThat(context.getBean(HostResolver.class)).isInstanceOf(DnsHostResolver.class);
            assertThat(context.getBean(HostResolver.class).resolve("localhost")).isNotEmpty();
            assertThat(context.getBean(HostResolver.class).resolve(" ")).isEmpty();
        });
    }

    @Test
    void inTheLabTheLabFarmAnswersInstead() {
        runner.withPropertyValues("spring.profiles.active=lab").run(context -> {
            assertThat(context).hasSingleBean(FileStoreRestorer.class);
            assertThat(context).doesNotHaveBean(HostResolver.class);
        });
    }
}
