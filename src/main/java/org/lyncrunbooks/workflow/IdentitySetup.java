package org.lyncrunbooks.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.drill.DrillProcess;
import org.lyncrunbooks.recovery.RecoveryProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the groups, their authorizations and the Tasklist filters on every start (only what is missing, one node
 * at a time: see {@link #withClusterLock(Runnable)}), and
 * the first administrator outside the lab profile. Operators work tasks and start runbooks but cannot deploy;
 * DBAs work their tasks; managers read instances and history and approve; only administrators deploy or change
 * authorizations (they are an engine admin group, see {@link AdministratorsPlugin}).
 */
@Component
class IdentitySetup implements SmartInitializingSingleton {

    static final String FILTER_MY_GROUPS = "My groups' tasks";
    static final String FILTER_MY_TASKS = "Assigned to me";
    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
    /** The processes people start. */
    private static final List<String> RUNBOOKS = List.of(BackupProcess.KEY, RecoveryProcess.KEY, DrillProcess.KEY);
    /** The processes those call: people work and watch their tasks, but never start them on their own. */
    private static final List<String> CALLED = List.of(BackupProcess.SCHEDULE_KEY, DrillProcess.SCHEDULE_KEY,
            RecoveryProcess.RebuildServer.KEY, RecoveryProcess.InstallSqlServer.KEY, RecoveryProcess.RestoreFileStore.KEY,
            RecoveryProcess.RestoreDatabases.KEY, RecoveryProcess.StandardEdition.KEY, RecoveryProcess.CmsHost.KEY,
            RecoveryProcess.BackEnd.KEY, RecoveryProcess.MemberServer.KEY, RecoveryProcess.FileStore.KEY,
            RecoveryProcess.MonitoringArchiving.KEY, RecoveryProcess.PersistentChat.KEY);

    private final ProcessEngine engine;
    private final SecurityProperties security;
    private final ObjectProvider<LabUser> labUsers;

    IdentitySetup(ProcessEngine engine, SecurityProperties security, ObjectProvider<LabUser> labUsers) {
        this.engine = engine;
        this.security = security;
        this.labUsers = labUsers;
    }

    /** A user the lab profile creates with its well-known password. */
    record LabUser(String id, String firstName, String lastName, String password, String group) {
    }

    @Override
    public void afterSingletonsInstantiated() {
        // Several nodes may start at once on a fresh database: one at a time, and each only adds what is missing.
        withClusterLock(this::setUp);
    }

    private void setUp() {
        IdentityService identity = engine.getIdentityService();
        for (String group : Groups.ALL) {
            if (identity.createGroupQuery().groupId(group).count() == 0) {
                Group g = identity.newGroup(group);
                g.setName(Groups.displayName(group));
                g.setType("WORKFLOW");
                identity.saveGroup(g);
            }
        }
        grantAdministrators();
        grantApplications();
        grantRunbooks();
        createFilters();
        labUsers.orderedStream().forEach(this::createLabUser);
        createFirstAdministrator();
        administratorsAreCamundaAdmins();
    }

    /**
     * Runs {@code setUp} while holding the engine's deployment lock row ({@code ACT_GE_PROPERTY
     * 'deployment.lock'}, which the engine itself locks for every deployment) in a transaction of its own. A second
     * node starting at the same moment waits here until the first has committed its groups, authorizations and
     * filters, then finds them and adds nothing. The statement is plain SQL (an UPDATE takes the row lock on H2,
     * PostgreSQL and SQL Server alike); the setup's own engine calls run in their own transactions meanwhile.
     */
    private void withClusterLock(Runnable setUp) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        try (Connection connection = configuration.getDataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement lock = connection.createStatement()) {
                lock.executeUpdate("UPDATE " + prefix + "ACT_GE_PROPERTY SET VALUE_ = VALUE_ WHERE NAME_ = 'deployment.lock'");
                setUp.run();
            } finally {
                // nothing was changed under the lock: ending the transaction only releases it
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the engine database to set up groups and authorizations: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The webapps offer a "Camunda Setup" page that creates an administrator for anybody as long as no user is a
     * member of camunda-admin. Our administrators are members, so that page never opens (it is also blocked by
     * {@link SetupPageBlocker}).
     */
    private void administratorsAreCamundaAdmins() {
        IdentityService identity = engine.getIdentityService();
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

    /**
     * Administrators get ALL on every resource, as Camunda's own first-admin setup does for camunda-admin: being
     * an engine admin group lifts permission checks, but queries are still filtered by authorizations.
     */
    private void grantAdministrators() {
        for (Resources resource : Resources.values()) {
            grant(Groups.ADMINISTRATORS, resource, Authorization.ANY, Permissions.ALL);
        }
    }

    private void grantApplications() {
        grant(Groups.OPERATORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Groups.DBA, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Groups.MANAGERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Groups.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    }

    private void grantRunbooks() {
        for (String key : RUNBOOKS) {
            grant(Groups.OPERATORS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.CREATE_INSTANCE,
                    Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
            grant(Groups.DBA, Resources.PROCESS_DEFINITION, key, Permissions.READ);
            grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE,
                    Permissions.READ_HISTORY, Permissions.READ_TASK);
        }
        for (String key : CALLED) {
            grant(Groups.OPERATORS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE,
                    Permissions.READ_HISTORY);
            grant(Groups.DBA, Resources.PROCESS_DEFINITION, key, Permissions.READ);
            grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE,
                    Permissions.READ_HISTORY, Permissions.READ_TASK);
        }
        grant(Groups.OPERATORS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        grant(Groups.OPERATORS, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
    }

    private void createFilters() {
        FilterService filters = engine.getFilterService();
        TaskQuery groups = engine.getTaskService().createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
        TaskQuery mine = engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
        filter(filters, FILTER_MY_GROUPS, groups, -10, "Tasks offered to your groups (lync-operators, lync-dba, lync-managers)");
        filter(filters, FILTER_MY_TASKS, mine, 0, "Tasks you have claimed");
    }

    /**
     * Finds the filter by name; earlier versions could create it twice when two nodes started at once, so the
     * oldest is kept and the others are removed with their authorizations.
     */
    private void filter(FilterService filters, String name, TaskQuery query, int priority, String description) {
        List<Filter> found = filters.createFilterQuery().filterName(name).orderByFilterId().asc().list();
        Filter filter;
        if (found.isEmpty()) {
            filter = filters.newTaskFilter(name).setQuery(query)
                    .setProperties(Map.of("priority", priority, "description", description, "refresh", true));
            filters.saveFilter(filter);
        } else {
            filter = found.get(0);
            for (Filter duplicate : found.subList(1, found.size())) {
                log.info("Removing the duplicate Tasklist filter '{}' ({})", name, duplicate.getId());
                AuthorizationService authorizations = engine.getAuthorizationService();
                authorizations.createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(duplicate.getId())
                        .list().forEach(a -> authorizations.deleteAuthorization(a.getId()));
                filters.deleteFilter(duplicate.getId());
            }
        }
        for (String group : List.of(Groups.OPERATORS, Groups.DBA, Groups.MANAGERS)) {
            grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }

    private void createLabUser(LabUser user) {
        IdentityService identity = engine.getIdentityService();
        if (identity.createUserQuery().userId(user.id()).count() == 0) {
            var u = identity.newUser(user.id());
            u.setFirstName(user.firstName());
            u.setLastName(user.lastName());
            u.setPassword(user.password());
            u.setEmail(user.id() + "@lab.contoso.local");
            identity.saveUser(u);
        }
        if (identity.createUserQuery().userId(user.id()).memberOfGroup(user.group()).count() == 0) {
            identity.createMembership(user.id(), user.group());
        }
    }

    private void createFirstAdministrator() {
        IdentityService identity = engine.getIdentityService();
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
     * Makes sure {@code group} has at least {@code permissions} on the resource: a missing authorization is created,
     * one lacking a permission is extended, one that has them all is left alone (no write on every start).
     * Duplicates, which concurrent starts of earlier versions could leave, are merged into the first.
     */
    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        List<Authorization> existing = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).list();
        Authorization authorization = existing.isEmpty()
                ? authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT) : existing.get(0);
        boolean changed = existing.isEmpty();
        for (Authorization duplicate : existing.subList(Math.min(1, existing.size()), existing.size())) {
            for (Permission permission : duplicate.getPermissions(Permissions.values())) {
                if (!authorization.isPermissionGranted(permission)) {
                    authorization.addPermission(permission);
                    changed = true;
                }
            }
            authorizations.deleteAuthorization(duplicate.getId());
        }
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }
}
