package org.lyncrunbooks.lab;

import java.util.ArrayList;
import java.util.Locale;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.lyncrunbooks.topology.SqlStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The lab's hands (profile {@code lab} only): on a real farm people rebuild machines; in the lab there is no machine
 * to touch, so when an operator completes a recovery task the lab farm does what that person would have done —
 * installs the operating system, SQL Server with the version they chose, runs the Deployment Wizard — before the
 * engine checks the evidence. For the certificate task the lab CA issues a real certificate when the task appears
 * and puts its thumbprint and PEM into the task, as the person would have exported them. Nothing of this exists
 * outside the lab profile; the processes do not know about it.
 */
@Component
@Profile(LabProfileActivator.LAB_PROFILE)
class LabHands implements ProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(LabHands.class);
    private static final String FQDN = "failedServerFqdn";

    private final ObjectProvider<LabFarm> farm;

    LabHands(ObjectProvider<LabFarm> farm) {
        this.farm = farm;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addTaskListener(TaskListener.EVENTNAME_CREATE, LabHands.this::created);
                definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, LabHands.this::completed);
            }
        });
    }

    private void created(DelegateTask task) {
        if ("UserTask_RestoreCertificates".equals(task.getTaskDefinitionKey())) {
            String fqdn = fqdn(task);
            LabFarm lab = farm.getObject();
            if (lab.resolves(fqdn)) {
                var certificate = lab.installCertificate(fqdn);
                // on the execution, not the task: Tasklist shows them in the form and the operator's submit updates them
                task.getExecution().setVariable("certificateThumbprint", certificate.thumbprint());
                task.getExecution().setVariable("certificatePem", lab.certificatePem(fqdn));
                log.info("Lab: the lab CA issued a certificate for {} ({}); the task shows it as the operator would paste it",
                        fqdn, certificate.thumbprint());
                if (lab.serverState(fqdn).roles().contains("Edge")) {
                    var external = lab.installExternalCertificate(fqdn);
                    task.getExecution().setVariable("externalCertificateThumbprint", external.thumbprint());
                    task.getExecution().setVariable("externalCertificatePem", lab.externalCertificatePem(fqdn));
                    log.info("Lab: the lab CA, standing in for the public CA, issued the external certificate of {} ({})",
                            fqdn, external.thumbprint());
                }
            }
        }
    }

    private void completed(DelegateTask task) {
        LabFarm lab = farm.getObject();
        String fqdn = fqdn(task);
        switch (task.getTaskDefinitionKey()) {
            case "UserTask_PrepareCleanServer" -> {
                // A machine that is down gets a new installation; one that is up is left as it is, unless the runbook
                // sent the operator back to install it from scratch (a SQL Server instance was in the way).
                boolean sentBackToReinstall = "rebuild-server".equals(task.getVariable("sqlInstanceResolution"));
                if (Boolean.TRUE.equals(task.getVariable("sameFqdnConfirmed")) && (!lab.resolves(fqdn) || sentBackToReinstall)) {
                    log.info("Lab: installing the operating system on {} from scratch, as the operator said", fqdn);
                    lab.installOperatingSystem(fqdn);
                }
            }
            case "UserTask_InstallSqlServer" -> {
                String version = switch (String.valueOf(task.getVariable("sqlVersionInstalled"))) {
                    case "2008 R2" -> "10.50.6000.34";
                    case "2014" -> "12.0.6024.0";
                    default -> "11.0.7001.0";
                };
                String dataFolder = text(task.getVariable("sqlDataFolder"));
                String logFolder = text(task.getVariable("sqlLogFolder"));
                for (SqlStore store : lab.topology().sqlStores()) {
                    if (!store.fqdn().equals(fqdn)) {
                        continue;
                    }
                    if (lab.databases().installed(store.ref())) {
                        // SQL Setup refuses an instance name that exists; the DBA reports the installation as done and
                        // the runbook's check finds out what the instance holds
                        log.info("Lab: SQL Server Setup on {}: instance {} is already installed; nothing was installed",
                                fqdn, store.ref().display());
                    } else {
                        log.info("Lab: installing SQL Server {} as {}, as the DBA said", version, store.ref().display());
                        lab.installSqlServer(store.ref(), version, dataFolder, logFolder);
                    }
                }
            }
            case "UserTask_RebuildLostSqlServer" -> {
                // the DBA rebuilt the lost side of the mirror with the same FQDN and instance name; a machine that
                // answers again on its own keeps what it held, and the runbook's check finds out
                String lostSide = text(task.getVariable("lostSqlServerFqdn"));
                if (Boolean.TRUE.equals(task.getVariable("sqlServerRebuilt")) && lostSide != null
                        && lab.sqlServerLost(lostSide)) {
                    log.info("Lab: rebuilding {} with clean SQL Server instances, as the DBA said", lostSide);
                    lab.rebuildSqlServer(lostSide);
                }
            }
            case "UserTask_PrepareFirstStandardEditionServer" -> {
                log.info("Lab: Prepare first Standard Edition server on {}: SQL Server Express and the Central "
                        + "Management store, as the operator said", fqdn);
                lab.prepareFirstStandardEditionServer(fqdn);
            }
            case "UserTask_RunDeploymentWizard" -> {
                log.info("Lab: running the Deployment Wizard steps 1-4 on {}, as the operator said", fqdn);
                String edgeFile = text(task.getVariable("edgeConfigurationPath"));
                lab.runDeploymentWizard(fqdn, edgeFile == null ? null : java.nio.file.Path.of(edgeFile));
            }
            default -> {
                // the other tasks change nothing on the machines
            }
        }
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static String fqdn(DelegateTask task) {
        Object value = task.getVariable(FQDN);
        return value == null ? "" : value.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // nothing to do after init
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        // nothing to do once the engine is built
    }
}
