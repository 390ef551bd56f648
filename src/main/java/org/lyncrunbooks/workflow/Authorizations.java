package org.lyncrunbooks.workflow;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The groups' authorizations. Operators work tasks and start runbooks but cannot deploy; DBAs work their tasks;
 * managers read instances and history and approve; only administrators deploy or change authorizations (they are
 * an engine admin group, see {@link AdministratorsPlugin}). Which processes there are, each capability says
 * through its {@link ProcessAccess}.
 */
@Component
class Authorizations {

    private final AuthorizationService authorizations;
    private final ObjectProvider<ProcessAccess> processes;

    Authorizations(AuthorizationService authorizations, ObjectProvider<ProcessAccess> processes) {
        this.authorizations = authorizations;
        this.processes = processes;
    }

    /** Grants what is missing; changes nothing that is already in place. */
    void setUp() {
        grantAdministrators();
        grantApplications();
        grantProcesses();
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
        // operators follow the backups they start on the backup catalog, a Cockpit page (the recovery timeline
        // stays the managers')
        grant(Groups.OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    }

    private void grantProcesses() {
        List<ProcessAccess> all = processes.orderedStream().toList();
        for (String key : all.stream().flatMap(p -> p.startedByPeople().stream()).toList()) {
            grant(Groups.OPERATORS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.CREATE_INSTANCE,
                    Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
            grant(Groups.DBA, Resources.PROCESS_DEFINITION, key, Permissions.READ);
            grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE,
                    Permissions.READ_HISTORY, Permissions.READ_TASK);
        }
        for (String key : all.stream().flatMap(p -> p.calledByOthers().stream()).toList()) {
            grant(Groups.OPERATORS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE,
                    Permissions.READ_HISTORY);
            grant(Groups.DBA, Resources.PROCESS_DEFINITION, key, Permissions.READ);
            grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE,
                    Permissions.READ_HISTORY, Permissions.READ_TASK);
        }
        grant(Groups.OPERATORS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        grant(Groups.OPERATORS, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
    }

    /**
     * Makes sure {@code group} has at least {@code permissions} on the resource: a missing authorization is created,
     * one lacking a permission is extended, one that has them all is left alone (no write on every start).
     * Duplicates, which concurrent starts of earlier versions could leave, are merged into the first.
     */
    void grant(String group, Resource resource, String resourceId, Permission... permissions) {
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

    /** Removes every authorization on one resource (a filter that is deleted). */
    void revokeAll(Resource resource, String resourceId) {
        authorizations.createAuthorizationQuery().resourceType(resource).resourceId(resourceId)
                .list().forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }
}
