package org.lyncrunbooks.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.sqlserver.ScratchDatabases;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * Every path of {@code lync-restore-drill} and its schedule on a real engine, with the real drill on a lab farm and a
 * real published backup set: all good, an item that fails (a torn page written before the backup), databases over the
 * size limit, a sharp drop in users, a node killed in the middle of an item, refused and skipped starts.
 */
@Deployment(resources = {"processes/lync-restore-drill.bpmn", "processes/lync-restore-drill-schedule.bpmn",
        "forms/start-restore-drill.form", "forms/review-failed-drill.form"})
class RestoreDrillProcessTest {

    static final String SCHEDULE = "0 0 5 * * ?";
    static final SqlStoreRef MON = new SqlStoreRef("mon01.lab.contoso.local", "archmon");
    static final String LCSCDR = "sql:mon01.lab.contoso.local_archmon:LcsCDR";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .assertClassCoverageAtLeast(0.95).build();

    static {
        // The timer start event reads ${drillSchedule.cron} when the schedule is deployed, before any test runs.
        Mocks.register("drillSchedule", new DrillSchedule(SCHEDULE));
    }

    /** One farm with one published set, for the tests that do not change the farm. */
    private static DrillLab shared;
    private static String sharedSet;

    ProcessEngine processEngine;

    @TempDir
    Path dir;

    @TempDir
    static Path sharedDir;

    @BeforeEach
    void sharedFarm() {
        synchronized (RestoreDrillProcessTest.class) {
            if (shared == null) {
                shared = DrillLab.create(sharedDir, DrillLab.engineWithHistory("drill-process-test"));
                sharedSet = shared.takeBackup();
            }
        }
        Mocks.register("drillSchedule", new DrillSchedule(SCHEDULE));
        register(shared.service(runs()));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void provesTheCurrentSetRestorableAndTouchesNothingOfProduction() {
        long users = shared.farm.tables(new SqlStoreRef("be01.lab.contoso.local", "rtc"), "rtcxds").get("users").stream()
                .filter(u -> DrillLab.POOL.equals(u.get("registrar_pool"))).count();
        Map<String, String> production = shared.production();

        ProcessInstance pi = start(Map.of());
        assertThat(pi).hasBusinessKey(sharedSet).isWaitingAt(DrillProcess.SERVICE_TASK_PREPARE_DRILL);
        runJobs(pi);

        assertThat(pi).as(String.valueOf(shared.records().read(sharedSet))).isEnded().hasPassedInOrder(DrillProcess.SERVICE_TASK_CHOOSE_DRILL_SET,
                DrillProcess.SERVICE_TASK_PREPARE_DRILL, DrillProcess.SERVICE_TASK_DRILL_ITEM,
                DrillProcess.SERVICE_TASK_ASSESS_DRILL, DrillProcess.END_EVENT_DRILL_PASSED);
        DrillRecord record = shared.records().require(sharedSet);
        assertThat(record.status()).isEqualTo(DrillRecord.Status.PASSED);
        assertThat(record.drillId()).isEqualTo(pi.getId());
        assertThat(record.items()).extracting(DrillRecord.Item::outcome).containsOnly(DrillRecord.Outcome.PASSED);
        assertThat(record.items()).extracting(DrillRecord.Item::kind).contains("sqlserver-database", "cs-configuration",
                "cs-lis-configuration", "cs-user-data", "cs-rgs-configuration", "cs-persistent-chat-data", "file-store",
                "orchestrator-database");
        DrillRecord.Item cdr = item(record, LCSCDR);
        assertThat(cdr.testTarget()).isEqualTo("mon01.lab.contoso.local\\archmon/lyncdrill_LcsCDR");
        assertThat(cdr.restoreResult()).isEqualTo("Success");
        assertThat(cdr.checkResult()).isEqualTo("Success");
        assertThat(cdr.counts().get("dbo.session_details")).isPositive();
        assertThat(cdr.restoreElapsed()).isNotNull();
        assertThat(cdr.details()).contains("WITH MOVE 'LcsCDR' TO 'E:\\MSSQL\\ARCHMON\\Data\\lyncdrill_LcsCDR.mdf'").contains("DROP DATABASE [lyncdrill_LcsCDR] on");
        assertThat(item(record, "userdata:" + DrillLab.POOL).counts()).containsEntry("users", users);
        assertThat(item(record, "filestore:lab-fs01").counts().get("files")).isPositive();
        assertThat(item(record, "orchestrator:engine").counts()).containsEntry("ACT_HI_PROCINST", 2L);
        assertThat(record.estimates()).anySatisfy(e -> {
            assertThat(e.server()).isEqualTo("be01.lab.contoso.local");
            assertThat(e.procedure()).isEqualTo("R4");
            assertThat(e.items()).contains("cms:configuration", "userdata:" + DrillLab.POOL, "rgs:" + DrillLab.POOL);
            assertThat(e.text()).startsWith("an R4 of be01.lab.contoso.local would take about");
        }).anySatisfy(e -> {
            assertThat(e.procedure()).isEqualTo("R11");
            assertThat(e.items()).contains(LCSCDR);
        });

        assertThat(shared.sql.scratchDatabases(MON)).isEmpty();
        assertThat(Files.exists(shared.scratch) ? shared.scratch.toFile().list() : new String[0]).isEmpty();
        assertThat(shared.production()).as("the farm's databases and file stores, byte for byte").isEqualTo(production);
    }

    @Test
    void aTornPageThatPassedVerificationFailsTheDrillAndGivesTheOperatorsATask() {
        DrillLab lab = DrillLab.create(dir, DrillLab.engineWithHistory("drill-torn-page"));
        lab.farm.damageDatabase(MON, "LcsCDR", org.lyncrunbooks.lab.DatabaseDamage.TORN_PAGE);
        String set = lab.takeBackup();
        register(lab.service(runs()));

        ProcessInstance pi = start(Map.of(DrillVariables.BACKUP_SET_ID, set));
        runJobs(pi);

        assertThat(pi).isWaitingAt(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL)
                .variables().containsEntry(DrillVariables.DRILL_PASSED, false).containsEntry(DrillVariables.FAILED_ITEM_COUNT, 1);
        assertThat(task(pi)).hasCandidateGroup(DrillProcess.GROUP_OPERATORS);
        String summary = (String) processEngine.getRuntimeService().getVariable(pi.getId(), DrillVariables.FAILURE_SUMMARY);
        assertThat(summary).startsWith("1 of ").contains("- " + LCSCDR + " (sqlserver-database): Failed: DBCC CHECKDB "
                + "found errors in the restored copy of LcsCDR: Msg 8928: Object ID");
        DrillRecord.Item cdr = item(lab.records().require(set), LCSCDR);
        assertThat(cdr.outcome()).isEqualTo(DrillRecord.Outcome.FAILED);
        assertThat(cdr.restoreResult()).isEqualTo("Success");
        assertThat(cdr.details()).contains("Msg 8939: Table error").contains("Msg 8958: repair_allow_data_loss");
        assertThat(lab.sql.scratchDatabases(MON)).isEmpty();

        complete(task(pi), withVariables(DrillVariables.REVIEW_DECISION, DrillProcess.DECISION_DRILL_AGAIN));
        runJobs(pi);
        assertThat(pi).isWaitingAt(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL);
        complete(task(pi), withVariables(DrillVariables.REVIEW_DECISION, DrillProcess.DECISION_CLOSE));
        assertThat(pi).isEnded().hasPassed(DrillProcess.END_EVENT_DRILL_FAILED);
        assertThat(lab.records().require(set).status()).isEqualTo(DrillRecord.Status.FAILED);
    }

    @Test
    void databasesOverTheSizeLimitAreVerifiedOnlyAndTheRecordSaysSo() {
        register(shared.service(runs(), shared.properties(org.springframework.util.unit.DataSize.ofBytes(1024), "20%")));

        ProcessInstance pi = start(Map.of(DrillVariables.BACKUP_SET_ID, sharedSet));
        runJobs(pi);

        assertThat(pi).isEnded().hasPassed(DrillProcess.END_EVENT_DRILL_PASSED);
        DrillRecord record = shared.records().require(sharedSet);
        DrillRecord.Item cdr = item(record, LCSCDR);
        assertThat(cdr.outcome()).isEqualTo(DrillRecord.Outcome.VERIFIED_ONLY);
        assertThat(cdr.restoreResult()).matches("Skipped: the backup is \\d+ bytes, larger than lync\\.drill\\.max-size "
                + "\\(1024 bytes\\); verified only");
        assertThat(cdr.details()).contains("RESTORE VERIFYONLY passed");
        assertThat(record.summary()).contains("larger than lync.drill.max-size verified only");
    }

    @Test
    void anExportThatLostHalfItsUsersAgainstThePreviousDrilledSetFailsWithBothNumbers() {
        DrillLab lab = DrillLab.create(dir, DrillLab.engineWithHistory("drill-users"));
        String first = lab.takeBackup();
        register(lab.service(runs()));
        ProcessInstance before = start(Map.of(DrillVariables.BACKUP_SET_ID, first));
        runJobs(before);
        assertThat(before).isEnded().hasPassed(DrillProcess.END_EVENT_DRILL_PASSED);

        lab.loseHalfTheUsers(DrillLab.POOL);
        String second = lab.takeBackup();
        ProcessInstance pi = start(Map.of());
        runJobs(pi);

        assertThat(pi).hasBusinessKey(second).isWaitingAt(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL);
        DrillRecord record = lab.records().require(second);
        assertThat(record.previousSetId()).isEqualTo(first);
        DrillRecord.Item users = item(record, "userdata:" + DrillLab.POOL);
        assertThat(users.outcome()).isEqualTo(DrillRecord.Outcome.FAILED);
        assertThat(users.checkResult()).contains("users fell from 12 in set " + first + " to 6 (50.0 % fewer; "
                + "lync.drill.max-drop is 20%)");
        assertThat(item(record, "userdata:se01.lab.contoso.local").outcome()).isEqualTo(DrillRecord.Outcome.PASSED);
    }

    @Test
    void anItemWhoseNodeDiedIsRunAgainOverItsOwnHalfMadeCopy() {
        ProcessInstance pi = start(Map.of(DrillVariables.BACKUP_SET_ID, sharedSet));
        Job itemJob = runJobsUntilItem(shared, pi, LCSCDR);
        register(shared.service(runs(), shared.properties(), dyingAfterRestore(shared.sql)));
        assertThat(failure(() -> processEngine.getManagementService().executeJob(itemJob.getId())))
                .isInstanceOf(NodeDied.class);
        assertThat(shared.sql.scratchDatabases(MON)).containsExactly(ScratchDatabases.PREFIX + "LcsCDR");
        assertThat(item(shared.records().require(sharedSet), LCSCDR).outcome()).isEqualTo(DrillRecord.Outcome.RUNNING);

        // the node comes back (or another takes the job after its lock expired) and runs the item again
        register(shared.service(runs()));
        runJobs(pi);

        assertThat(pi).isEnded().hasPassed(DrillProcess.END_EVENT_DRILL_PASSED);
        assertThat(item(shared.records().require(sharedSet), LCSCDR).outcome()).isEqualTo(DrillRecord.Outcome.PASSED);
        assertThat(shared.sql.scratchDatabases(MON)).isEmpty();
    }

    @Test
    void theNextDrillRemovesWhatAKilledDrillLeftAndRecordsItAsFailedNotPassed() {
        DrillLab lab = DrillLab.create(dir, DrillLab.engineWithHistory("drill-killed"));
        String first = lab.takeBackup();
        String second = lab.takeBackup();
        register(lab.service(runs()));
        ProcessInstance killed = start(Map.of(DrillVariables.BACKUP_SET_ID, first));
        Job cdrJob = runJobsUntilItem(lab, killed, LCSCDR);
        register(lab.service(runs(), lab.properties(), dyingAfterRestore(lab.sql)));
        assertThat(failure(() -> processEngine.getManagementService().executeJob(cdrJob.getId())))
                .isInstanceOf(NodeDied.class);
        writeScratchFolderLeftover(lab, first);
        // nobody brings the node back: an administrator cancels the drill
        processEngine.getRuntimeService().deleteProcessInstance(killed.getId(), "its node died");
        DrillCatalog catalog = new DrillCatalog(lab.records(), runs(), new DrillSchedule(SCHEDULE), lab.properties(),
                new org.lyncrunbooks.recovery.RecoveryProperties(null), Clock.systemUTC());
        assertThat(catalog.newestDrill().orElseThrow().state()).isEqualTo(DrillCatalog.State.INTERRUPTED);
        assertThat(new DrillHealthIndicator(catalog, runs(), lab.properties(), new DrillSchedule(SCHEDULE),
                Clock.systemUTC()).health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(lab.sql.scratchDatabases(MON)).containsExactly(ScratchDatabases.PREFIX + "LcsCDR");

        register(lab.service(runs()));
        ProcessInstance next = start(Map.of(DrillVariables.BACKUP_SET_ID, second));
        processEngine.getManagementService().executeJob(processEngine.getManagementService().createJobQuery()
                .processInstanceId(next.getId()).singleResult().getId());

        assertThat(lab.sql.scratchDatabases(MON)).isEmpty();
        assertThat(lab.scratch.toFile().list()).isEmpty();
        DrillRecord interrupted = lab.records().require(first);
        assertThat(interrupted.status()).isEqualTo(DrillRecord.Status.FAILED);
        assertThat(interrupted.summary()).startsWith("interrupted: restore drill " + killed.getId() + " of set " + first
                + " did not finish");
        assertThat(item(interrupted, LCSCDR).outcome()).isEqualTo(DrillRecord.Outcome.FAILED);
        assertThat(lab.records().require(second).summary()).contains("removed scratch database lyncdrill_LcsCDR left on "
                + "mon01.lab.contoso.local\\archmon by a drill that did not finish");
        runJobs(next);
        assertThat(next).isEnded().hasPassed(DrillProcess.END_EVENT_DRILL_PASSED);
    }

    @Test
    void aDrillWaitingForItsReviewDoesNotBlockTheNextAndOneSentBackWaitsForTheRunningOne() {
        DrillLab lab = DrillLab.create(dir, DrillLab.engineWithHistory("drill-review"));
        lab.farm.damageDatabase(MON, "LcsLog", org.lyncrunbooks.lab.DatabaseDamage.BROKEN_INDEX);
        lab.takeBackup();
        register(lab.service(runs()));
        ProcessInstance reviewed = start(Map.of());
        runJobs(reviewed);
        assertThat(reviewed).isWaitingAt(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL);

        ProcessInstance next = start(Map.of());
        processEngine.getManagementService().executeJob(processEngine.getManagementService().createJobQuery()
                .processInstanceId(next.getId()).singleResult().getId());
        assertThat(next).isWaitingAt(DrillProcess.SERVICE_TASK_DRILL_ITEM);

        complete(task(reviewed), withVariables(DrillVariables.REVIEW_DECISION, DrillProcess.DECISION_DRILL_AGAIN));
        Job prepare = processEngine.getManagementService().createJobQuery().processInstanceId(reviewed.getId()).singleResult();
        assertThat(failure(() -> processEngine.getManagementService().executeJob(prepare.getId())))
                .isInstanceOf(DrillRefusedException.class).hasMessageContaining("is running; this drill of set ");
        Job waiting = processEngine.getManagementService().createJobQuery().processInstanceId(reviewed.getId()).singleResult();
        assertThat(waiting.getDuedate()).as("tried again in five minutes").isAfter(new java.util.Date());
        assertThat(lab.sql.scratchDatabases(MON)).as("the running drill's copies are left alone").isEmpty();

        runJobs(next);
        assertThat(next).isWaitingAt(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL);
        processEngine.getManagementService().setJobDuedate(waiting.getId(), new java.util.Date());
        runJobs(reviewed);
        assertThat(reviewed).isWaitingAt(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL);
        assertThat(item(lab.records().require(reviewed.getBusinessKey()), "sql:mon01.lab.contoso.local_archmon:LcsLog")
                .checkResult()).contains("Msg 2512");
    }

    @Test
    void aSetWhoseManifestWentAwayBeforeTheDrillFailsItWithTheReasonInsteadOfAnIncident() throws Exception {
        ProcessInstance pi = start(Map.of(DrillVariables.BACKUP_SET_ID, sharedSet));
        Path manifest = shared.root.resolve(sharedSet).resolve("manifest.json");
        Path aside = shared.root.resolve("manifest.json.aside");
        Files.move(manifest, aside);
        try {
            runJobs(pi);
        } finally {
            Files.move(aside, manifest);
        }

        assertThat(pi).isWaitingAt(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL);
        assertThat((String) processEngine.getRuntimeService().getVariable(pi.getId(), DrillVariables.FAILURE_SUMMARY))
                .startsWith("nothing of set " + sharedSet + " could be drilled: backup set " + sharedSet
                        + " has no usable manifest");
        assertThat(processEngine.getManagementService().createJobQuery().withException().count()).isZero();
    }

    @Test
    void refusesAnUnknownSetOrASecondDrillAtTheStartAndLeavesNoInstance() {
        assertThatThrownBy(() -> start(Map.of(DrillVariables.BACKUP_SET_ID, "20200101T000000Z")))
                .isInstanceOf(DrillRefusedException.class)
                .hasMessage("no backup set 20200101T000000Z on " + shared.root + "; published sets: " + sharedSet);
        assertThatThrownBy(() -> start(Map.of(DrillVariables.BACKUP_SET_ID, "x]; DROP DATABASE y--")))
                .hasMessage("'x]; DROP DATABASE y--' is not a backup set id (the start time in UTC, like "
                        + "20261126T020000Z, optionally with -2, -3, …)");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(DrillProcess.KEY).count()).isZero();

        ProcessInstance running = start(Map.of());
        assertThatThrownBy(() -> start(Map.of()))
                .hasMessage("a restore drill of set " + sharedSet + " is running (process instance " + running.getId()
                        + "); one drill runs at a time, so that no drill removes the scratch copies of another");
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(DrillProcess.KEY)
                .count()).isEqualTo(1);
    }

    @Test
    void aScheduledDrillWithNothingToDrillEndsWithTheReasonInsteadOfFailingTheTimer() {
        DrillLab empty = DrillLab.create(dir, DrillLab.engineWithHistory("drill-empty"));
        register(empty.service(runs()));

        ProcessInstance pi = start(Map.of(DrillVariables.SCHEDULED_START, true));

        assertThat(pi).isEnded().hasPassed(DrillProcess.END_EVENT_NOTHING_TO_DRILL);
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(DrillVariables.SKIP_REASON).singleResult().getValue().toString())
                .isEqualTo("no published backup set to drill: CURRENT on " + empty.root + " names none; run a backup first");
        assertThatThrownBy(() -> start(Map.of())).isInstanceOf(DrillRefusedException.class);
    }

    @Test
    void theScheduleStartsADrillOfTheCurrentSetEveryNight() {
        Job timer = processEngine.getManagementService().createJobQuery().timers().singleResult();
        LocalDateTime due = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZoneId.systemDefault());
        assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(5, 0));

        processEngine.getManagementService().executeJob(timer.getId());

        ProcessInstance schedule = processEngine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(DrillProcess.SCHEDULE_KEY).singleResult();
        assertThat(schedule).isWaitingAt(DrillProcess.SCHEDULE_CALL_ACTIVITY_RUN_RESTORE_DRILL);
        ProcessInstance pi = processEngine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(DrillProcess.KEY).singleResult();
        assertThat(pi).hasBusinessKey(sharedSet).variables().containsEntry(DrillVariables.SCHEDULED_START, true);
        runJobs(pi);
        assertThat(pi).isEnded().hasPassed(DrillProcess.END_EVENT_DRILL_PASSED);
        assertThat(schedule).isEnded().hasPassed(DrillProcess.SCHEDULE_END_EVENT_FINISHED);
        assertThat(processEngine.getManagementService().createJobQuery().timers().count()).as("the next fire").isEqualTo(1);
    }

    @Test
    void itsFormsAreDeployedAndReferencedByIdFromTheDeployment() throws Exception {
        String definitionId = processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(DrillProcess.KEY).singleResult().getId();
        assertThat(processEngine.getFormService().getStartFormData(definitionId).getCamundaFormRef().getKey())
                .isEqualTo(DrillProcess.FORM_START_RESTORE_DRILL);
        try (var form = processEngine.getFormService().getDeployedStartForm(definitionId)) {
            assertThat(new String(form.readAllBytes())).contains("\"key\": \"backupSetId\"");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The node dies right after the restore of an item: the scratch copy is made, the item never finishes. */
    static final class NodeDied extends Error {
        NodeDied() {
            super("the node running the drill died");
        }
    }

    /** The SQL client of a node that dies when CHECKDB begins: nothing it is asked afterwards is done. */
    private static org.lyncrunbooks.sqlserver.SqlServerClient dyingAfterRestore(
            org.lyncrunbooks.sqlserver.SqlServerClient real) {
        boolean[] dead = {false};
        return (org.lyncrunbooks.sqlserver.SqlServerClient) java.lang.reflect.Proxy.newProxyInstance(
                RestoreDrillProcessTest.class.getClassLoader(), new Class<?>[] {org.lyncrunbooks.sqlserver.SqlServerClient.class},
                (proxy, method, args) -> {
                    if (dead[0] || method.getName().equals("checkDatabase")) {
                        dead[0] = true;
                        throw new NodeDied();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void writeScratchFolderLeftover(DrillLab lab, String set) {
        try {
            Files.createDirectories(lab.scratch.resolve(set).resolve("filestore").resolve("lab-fs01"));
            Files.writeString(lab.scratch.resolve(set).resolve("filestore").resolve("lab-fs01").resolve("half.bin"), "x");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private DrillRuns runs() {
        return new CamundaDrillRuns(processEngine.getRuntimeService());
    }

    private void register(DrillService service) {
        Mocks.register("chooseDrillSetDelegate", new ChooseDrillSetDelegate(service));
        Mocks.register("prepareDrillDelegate", new PrepareDrillDelegate(service));
        Mocks.register("drillItemDelegate", new DrillItemDelegate(service));
        Mocks.register("assessDrillDelegate", new AssessDrillDelegate(service));
    }

    private ProcessInstance start(Map<String, Object> variables) {
        return processEngine.getRuntimeService().startProcessInstanceByKey(DrillProcess.KEY, new HashMap<>(variables));
    }

    private static DrillRecord.Item item(DrillRecord record, String itemId) {
        return record.items().stream().filter(i -> i.item().equals(itemId)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + itemId + " in " + record.items()));
    }

    /** Runs the drill's jobs (not timers) until it waits for a person or ends. */
    private void runJobs(ProcessInstance pi) {
        for (int round = 0; round < 100; round++) {
            List<Job> jobs = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                    .executable().messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> processEngine.getManagementService().executeJob(j.getId()));
        }
        throw new AssertionError("jobs kept coming");
    }

    /** Runs the drill's jobs until the next one is the item {@code itemId}'s; returns that job. */
    private Job runJobsUntilItem(DrillLab lab, ProcessInstance pi, String itemId) {
        for (int round = 0; round < 100; round++) {
            Job job = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
            if (job == null) {
                throw new AssertionError("the drill ended before item " + itemId);
            }
            String setId = processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId())
                    .singleResult().getBusinessKey();
            Object index = processEngine.getRuntimeService().getVariable(job.getExecutionId(), DrillVariables.LOOP_COUNTER);
            DrillRecord record = lab.records().read(setId).orElse(null);
            if (index instanceof Integer i && record != null && record.items().get(i).item().equals(itemId)) {
                return job;
            }
            processEngine.getManagementService().executeJob(job.getId());
        }
        throw new AssertionError("no job for item " + itemId);
    }

    /** What {@code action} threw, the deepest cause. */
    private static Throwable failure(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root;
        }
        throw new AssertionError("nothing was thrown");
    }
}
