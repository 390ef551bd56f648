package org.lyncrunbooks.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellProperties;
import org.lyncrunbooks.topology.Topology;

/**
 * The "Topology changed" task on a real engine, raised by the drift check over the lab farm's Management Shell: one
 * task for the operators while the same differences stand, showing them and the YAML to add; done by saying it was
 * handled; a farm that cannot be read raises nothing and says why.
 */
@Deployment(resources = {"processes/lync-topology-drift.bpmn", "forms/update-topology-file.form"})
class TopologyDriftProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-test.camunda.cfg.xml").build();

    @TempDir
    Path dir;

    ProcessEngine processEngine;
    private LabFarm farm;
    private TopologyDriftService service;

    @BeforeEach
    void farm() {
        farm = new LabFarm(new LabProperties(dir.resolve("lab"), 7, 6, 6, Duration.ZERO));
        Topology file = farm.topology();
        LyncShell shell = new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null));
        service = new TopologyDriftService(file, new FarmTopologyReader(shell), new CamundaDriftTasks(processEngine),
                Clock.systemUTC());
    }

    @Test
    void aFarmThatMatchesTheFileRaisesNothing() {
        DriftReport report = service.check("test");
        assertThat(report.differences()).isEmpty();
        assertThat(report.summary()).isEqualTo("the topology file describes the farm");
        assertThat(tasks()).isEmpty();
    }

    @Test
    void aFileStoreAddedToTheFarmRaisesOneTaskForTheOperatorsUntilItIsHandled() {
        farm.addFileStore("lab-fs03", "fs03.lab.contoso.local", "lyncshare");

        DriftReport first = service.check("backup run 1");
        DriftReport second = service.check("backup run 2");

        assertThat(first.unprotected()).hasSize(1);
        assertThat(second.differences()).isEqualTo(first.differences());
        List<Task> open = tasks();
        assertThat(open).as("the same differences raise one task").hasSize(1);
        Task task = open.get(0);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(TopologyDriftProcess.USER_TASK_UPDATE_TOPOLOGY_FILE);
        assertThat(processEngine.getTaskService().getIdentityLinksForTask(task.getId()))
                .extracting(IdentityLink::getGroupId).containsExactly(TopologyDriftProcess.GROUP_OPERATORS);
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult().getBusinessKey()).isEqualTo("file store \\\\fs03.lab.contoso.local\\lyncshare");
        assertThat((String) processEngine.getTaskService().getVariable(task.getId(), TopologyDriftVariables.DIFFERENCES))
                .isEqualTo("file store \\\\fs03.lab.contoso.local\\lyncshare is in the farm but not in the topology file "
                        + "(not backed up)");
        assertThat((String) processEngine.getTaskService().getVariable(task.getId(), TopologyDriftVariables.YAML_TO_ADD))
                .contains("unc: '\\\\fs03.lab.contoso.local\\lyncshare'").contains("<fill in:");

        processEngine.getTaskService().complete(task.getId(), java.util.Map.of(TopologyDriftVariables.DECISION,
                TopologyDriftProcess.DECISION_HANDLED));
        assertThat(tasks()).isEmpty();
        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId(TopologyDriftProcess.END_EVENT_TOPOLOGY_CHANGE_HANDLED).count()).isEqualTo(1);

        service.check("backup run 3");
        assertThat(tasks()).as("handled but the file still lacks it: asked again").hasSize(1);
    }

    @Test
    void newDifferencesRaiseANewTaskThatReplacesTheOlderOne() {
        farm.addFileStore("lab-fs03", "fs03.lab.contoso.local", "lyncshare");
        service.check("backup run 1");
        String older = tasks().get(0).getProcessInstanceId();
        farm.addSqlStore("mon02.lab.contoso.local", "archive", List.of("LcsLog"));
        DriftReport report = service.check("backup run 2");

        assertThat(report.unprotected()).extracting(TopologyDifference::kind).containsExactly("SQL store", "file store");
        List<Task> open = tasks();
        assertThat(open).as("one task, with every difference of the newest check").hasSize(1);
        assertThat((String) processEngine.getTaskService().getVariable(open.get(0).getId(), TopologyDriftVariables.DIFFERENCES))
                .contains("SQL store").contains("fs03.lab.contoso.local");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(older)
                .singleResult().getDeleteReason()).isEqualTo(CamundaDriftTasks.SUPERSEDED + open.get(0).getProcessInstanceId());
    }

    @Test
    void aFarmWhoseTopologyCannotBeReadIsReportedAndRaisesNothing() {
        farm.destroySqlInstance(farm.centralManagementStoreLocation().orElseThrow());

        DriftReport report = service.check("backup run 1");

        assertThat(report.farmRead()).isFalse();
        assertThat(report.summary()).startsWith("the farm's topology could not be read: Get-CsTopology failed");
        assertThat(service.last()).contains(report);
        assertThat(tasks()).isEmpty();
    }

    private List<Task> tasks() {
        return processEngine.getTaskService().createTaskQuery().processDefinitionKey(TopologyDriftProcess.KEY).list();
    }
}
