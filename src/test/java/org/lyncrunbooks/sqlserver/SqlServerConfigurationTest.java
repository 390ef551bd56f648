package org.lyncrunbooks.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SqlServerConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class, SqlServerConfiguration.class);

    @Test
    void providesTheJdbcClientOutsideTheLab() {
        runner.withPropertyValues("lync.sql.ad-domain=CONTOSO").run(context -> {
            assertThat(context).hasSingleBean(SqlConnectionFactory.class);
            assertThat(context).getBean(SqlServerClient.class).isInstanceOf(JdbcSqlServerClient.class);
            assertThat(context.getBean(SqlProperties.class).adDomain()).isEqualTo("CONTOSO");
        });
    }

    @Test
    void leavesTheClientToTheLabProfile() {
        runner.withPropertyValues("spring.profiles.active=lab").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SqlServerClient.class);
        });
    }

    @Test
    void refusesAnAdDomainThatIsNotANetBiosName() {
        runner.withPropertyValues("lync.sql.ad-domain=CONTOSO]; DROP LOGIN x--").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("NetBIOS domain name");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SqlProperties.class)
    static class Properties {
    }
}
