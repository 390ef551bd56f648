package org.lyncrunbooks.workflow;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * On every start, under the {@link EngineSetupLock}, creates what is missing: the groups, their
 * {@link Authorizations}, the {@link TasklistFilters}, the seed users (the lab's) and the
 * {@link FirstAdministrator}. Several nodes may start at once on a fresh database: one at a time, and each only
 * adds what is missing.
 */
@Component
class IdentitySetup implements SmartInitializingSingleton {

    private final EngineSetupLock lock;
    private final IdentityService identity;
    private final Authorizations authorizations;
    private final TasklistFilters filters;
    private final FirstAdministrator firstAdministrator;
    private final ObjectProvider<SeedUser> seedUsers;

    IdentitySetup(EngineSetupLock lock, IdentityService identity, Authorizations authorizations,
                  TasklistFilters filters, FirstAdministrator firstAdministrator, ObjectProvider<SeedUser> seedUsers) {
        this.lock = lock;
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.firstAdministrator = firstAdministrator;
        this.seedUsers = seedUsers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        lock.run(() -> {
            createGroups();
            authorizations.setUp();
            filters.setUp();
            seedUsers.orderedStream().forEach(this::createSeedUser);
            firstAdministrator.setUp();
        });
    }

    private void createGroups() {
        for (String group : Groups.ALL) {
            if (identity.createGroupQuery().groupId(group).count() == 0) {
                Group g = identity.newGroup(group);
                g.setName(Groups.displayName(group));
                g.setType("WORKFLOW");
                identity.saveGroup(g);
            }
        }
    }

    private void createSeedUser(SeedUser user) {
        if (identity.createUserQuery().userId(user.id()).count() == 0) {
            var u = identity.newUser(user.id());
            u.setFirstName(user.firstName());
            u.setLastName(user.lastName());
            u.setPassword(user.password());
            u.setEmail(user.email());
            identity.saveUser(u);
        }
        if (identity.createUserQuery().userId(user.id()).memberOfGroup(user.group()).count() == 0) {
            identity.createMembership(user.id(), user.group());
        }
    }
}
