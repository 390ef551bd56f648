package org.lyncrunbooks.bootstrap;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.lyncrunbooks.backup.BackupProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On the first start after a bootstrap, as soon as the engine is built and before its job executor or the external
 * task worker take anything: every process instance that was running when the set was taken is held (suspended,
 * with what it called), because its external steps may have moved on since; {@link RestoredInstanceReviews} then
 * offers each to lync-administrators. One exception is decided here: the backup run that was writing the very set
 * restored from is cancelled, since that set was published after the snapshot and nothing of the run is left to do
 * (left running, it would also hold every new backup run back).
 */
@Component
class HoldRestoredInstancesPlugin implements ProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(HoldRestoredInstancesPlugin.class);

    private final BootstrapProperties properties;

    HoldRestoredInstancesPlugin(BootstrapProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // nothing before init
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // nothing after init
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        String setId = properties.restoredSet();
        if (setId == null || setId.isBlank()
                || setId.equals(engine.getManagementService().getProperties().get(CamundaRestoredInstances.REVIEWS_STARTED))) {
            return;
        }
        RuntimeService runtime = engine.getRuntimeService();
        for (ProcessInstance run : runtime.createProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY)
                .processInstanceBusinessKey(setId).list()) {
            String root = run.getRootProcessInstanceId() == null ? run.getId() : run.getRootProcessInstanceId();
            runtime.deleteProcessInstance(root, "the backup run that wrote set " + setId + ": the set was published after "
                    + "this node's engine database was backed up into it, and this node was restored from it", true);
            log.info("Bootstrap from set {}: cancelled the run that wrote the set ({})", setId, root);
        }
        List<String> held = new ArrayList<>();
        for (ProcessInstance root : runtime.createProcessInstanceQuery().active().rootProcessInstances().list()) {
            if (isReview(engine, root)) {
                continue;
            }
            runtime.setVariable(root.getId(), CamundaRestoredInstances.HELD, setId);
            held.add(root.getId());
        }
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().active().list()) {
            if (!isReview(engine, instance)) {
                runtime.updateProcessInstanceSuspensionState().byProcessInstanceId(instance.getId()).suspend();
            }
        }
        if (held.isEmpty()) {
            log.info("Bootstrap from set {}: no other process instance was running when the set was taken", setId);
        } else {
            log.warn("Bootstrap from set {}: {} process instances that were running when the set was taken are held "
                    + "(suspended) until lync-administrators continue or cancel each: {}", setId, held.size(), held);
        }
    }

    private static boolean isReview(ProcessEngine engine, ProcessInstance instance) {
        return engine.getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId()).getKey()
                .equals(BootstrapProcess.KEY);
    }
}
