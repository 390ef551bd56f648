package org.lyncrunbooks.workflow;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first administrator outside the lab, from {@code lync.security.admin.*}: start-up refuses when there is none
 * and none is configured. Every administrator is also in Camunda's own {@code camunda-admin} group.
 */
@Component
class FirstAdministrator {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final IdentityService identity;
    private final SecurityProperties security;

    FirstAdministrator(IdentityService identity, SecurityProperties security) {
        this.identity = identity;
        this.security = security;
    }

    void setUp() {
        createFirstAdministrator();
        administratorsAreCamundaAdmins();
    }

    private void createFirstAdministrator() {
        SecurityProperties.Admin admin = security.admin();
        boolean haveAdmin = identity.createUserQuery().memberOfGroup(Groups.ADMINISTRATORS).count() > 0;
        if (admin.username() == null || admin.username().isBlank()) {
            if (!haveAdmin) {
                throw new AdministratorMissingException("No administrator exists and none is configured. Set "
                        + "LYNC_SECURITY_ADMIN_USERNAME and LYNC_SECURITY_ADMIN_PASSWORD (or lync.security.admin.*) for "
                        + "the first start; the password must pass the policy in docs/operations.md, 'Users and groups'. "
                        + "For a local trial without a Lync farm, leave lync.topology-file unset to use the lab profile.");
            }
            return;
        }
        if (identity.createUserQuery().userId(admin.username()).count() == 0) {
            PasswordPolicy.check(admin.username(), admin.password());
            var user = identity.newUser(admin.username());
            user.setFirstName("Lync runbooks");
            user.setLastName("administrator");
            user.setPassword(admin.password());
            identity.saveUser(user);
            log.info("Created the administrator {}", admin.username());
        }
        if (identity.createUserQuery().userId(admin.username()).memberOfGroup(Groups.ADMINISTRATORS).count() == 0) {
            identity.createMembership(admin.username(), Groups.ADMINISTRATORS);
        }
    }

    /**
     * The webapps offer a "Camunda Setup" page that creates an administrator for anybody as long as no user is a
     * member of camunda-admin. Our administrators are members, so that page never opens (it is also blocked by
     * {@link SetupPageBlocker}).
     */
    private void administratorsAreCamundaAdmins() {
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group g = identity.newGroup(Groups.CAMUNDA_ADMIN);
            g.setName("Camunda BPM Administrators");
            g.setType("SYSTEM");
            identity.saveGroup(g);
        }
        for (var user : identity.createUserQuery().memberOfGroup(Groups.ADMINISTRATORS).list()) {
            if (identity.createUserQuery().userId(user.getId()).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
                identity.createMembership(user.getId(), Groups.CAMUNDA_ADMIN);
            }
        }
    }
}
