package org.lyncrunbooks.lab;

import org.lyncrunbooks.lyncshell.NoShellLauncherConfiguredCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Wires the lab farm in the {@code lab} profile: the farm (which is also the topology source), its Management
 * Shell as the {@link org.lyncrunbooks.lyncshell.ShellLauncher}, its SQL Server as the
 * {@link org.lyncrunbooks.sqlserver.SqlServerClient} and its DNS as the {@link org.lyncrunbooks.recovery.HostResolver}.
 */
@Configuration(proxyBeanMethods = false)
@Profile(LabProfileActivator.LAB_PROFILE)
@EnableConfigurationProperties({LabProperties.class, org.lyncrunbooks.sqlserver.SqlProperties.class})
class LabConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LabConfiguration.class);

    @Bean
    LabFarm labFarm(LabProperties properties) {
        LabFarm farm = new LabFarm(properties);
        log.info("Lab profile: the Lync farm is simulated by the lab farm in {} (shape {}, size {}, seed {}, {} users per "
                        + "pool, {} files per store, cmdlet delay {})", farm.directory(), properties.shape(),
                properties.size() == LabProperties.FarmSize.LARGE ? properties.large() : "default", properties.seed(),
                properties.usersPerPool(), properties.filesPerStore(), properties.cmdletDelay());
        return farm;
    }

    /** The lab's Management Shell, unless a real launcher is configured ({@code lync.shell.launcher}). */
    @Bean
    @Conditional(NoShellLauncherConfiguredCondition.class)
    LabShell labShell(LabFarm farm) {
        return new LabShell(farm);
    }

    @Bean
    LabSqlServer labSqlServer(LabFarm farm,
                              org.springframework.beans.factory.ObjectProvider<org.lyncrunbooks.sqlserver.SqlProperties> sql) {
        // the configured credential travels to the lab's SQL Server exactly as it would to a real one
        return new LabSqlServer(farm, new org.lyncrunbooks.sqlserver.SqlLogins(
                sql.getIfAvailable(org.lyncrunbooks.sqlserver.SqlProperties::defaults)));
    }

    /** The lab's DNS, for the recovery's check that a rebuilt server answers to its old name. */
    @Bean
    LabHostResolver labHostResolver(LabFarm farm) {
        return new LabHostResolver(farm);
    }
}
