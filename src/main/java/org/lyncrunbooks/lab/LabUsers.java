package org.lyncrunbooks.lab;

import org.lyncrunbooks.workflow.Groups;
import org.lyncrunbooks.workflow.SeedUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The lab profile's users, one per group, all with the password {@code lab}. They exist only in the lab profile,
 * which listens on the loopback interface.
 */
@Configuration(proxyBeanMethods = false)
@Profile(LabProfileActivator.LAB_PROFILE)
class LabUsers {

    private static final String LAB_PASSWORD = "lab";

    @Bean
    SeedUser labAdmin() {
        return user("lab-admin", "Administrator", Groups.ADMINISTRATORS);
    }

    @Bean
    SeedUser labOperator() {
        return user("lab-operator", "Operator", Groups.OPERATORS);
    }

    @Bean
    SeedUser labDba() {
        return user("lab-dba", "DBA", Groups.DBA);
    }

    @Bean
    SeedUser labManager() {
        return user("lab-manager", "Manager", Groups.MANAGERS);
    }

    @Bean
    SeedUser labMonitor() {
        return user("lab-monitor", "Monitor", Groups.MONITORING);
    }

    private static SeedUser user(String id, String lastName, String group) {
        return new SeedUser(id, "Lab", lastName, id + "@lab.contoso.local", LAB_PASSWORD, group);
    }
}
