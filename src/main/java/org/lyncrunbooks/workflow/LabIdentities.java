package org.lyncrunbooks.workflow;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The lab profile's users, one per group, all with the password {@code lab}. They exist only
 * in the lab profile, which listens on the loopback interface.
 */
@Configuration(proxyBeanMethods = false)
@Profile("lab")
class LabIdentities {

    private static final String LAB_PASSWORD = "lab";

    @Bean
    IdentitySetup.LabUser labAdmin() {
        return new IdentitySetup.LabUser("lab-admin", "Lab", "Administrator", LAB_PASSWORD, Groups.ADMINISTRATORS);
    }

    @Bean
    IdentitySetup.LabUser labOperator() {
        return new IdentitySetup.LabUser("lab-operator", "Lab", "Operator", LAB_PASSWORD, Groups.OPERATORS);
    }

    @Bean
    IdentitySetup.LabUser labDba() {
        return new IdentitySetup.LabUser("lab-dba", "Lab", "DBA", LAB_PASSWORD, Groups.DBA);
    }

    @Bean
    IdentitySetup.LabUser labManager() {
        return new IdentitySetup.LabUser("lab-manager", "Lab", "Manager", LAB_PASSWORD, Groups.MANAGERS);
    }
}
