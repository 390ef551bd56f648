package org.lyncrunbooks.workflow;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Engine settings that are not starter properties: the administrators group is an engine admin group (every
 * permission, including deployments and authorizations), and a candidate of a task may work it (claim,
 * complete) but not reassign or change it.
 */
@Component
class AdministratorsPlugin implements ProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<String> adminGroups = new ArrayList<>(configuration.getAdminGroups() == null ? List.of() : configuration.getAdminGroups());
        if (!adminGroups.contains(Groups.ADMINISTRATORS)) {
            adminGroups.add(Groups.ADMINISTRATORS);
        }
        configuration.setAdminGroups(adminGroups);
        configuration.setDefaultUserPermissionForTask(Permissions.TASK_WORK);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // nothing to do after init
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        // identities are created by IdentitySetup once the application context is ready
    }
}
