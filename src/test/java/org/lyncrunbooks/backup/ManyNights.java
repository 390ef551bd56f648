package org.lyncrunbooks.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.lyncrunbooks.Application;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.filestore.Sha256;
import org.lyncrunbooks.filestore.TargetNotCleanException;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabSqlServer;
import org.lyncrunbooks.recovery.FileStoreRestoreStep;
import org.lyncrunbooks.recovery.RecoveryTimeline;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.BackupPlanner;
import org.lyncrunbooks.topology.FileStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reliability scenario 13 on a real application: a large lab farm ({@code lync.lab.size: large}) backed up night after
 * night by the backup schedule's own timer, on the engine's clock moved from night to night, with retention and the
 * configured history cleanup running. After every night it checks the invariants I1–I6 and that nothing is left
 * behind, and it measures what must stay flat: the run's time, the heap after a collection, the engine database, the
 * catalog's and the timeline's page times. Used by {@code LargeFarmNightsIT} (reduced size) and the benchmark (full
 * size).
 */
public final class ManyNights {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Invariants and leftovers checked after every night: each entry is a sentence naming what failed. */
    private final List<String> violations = new ArrayList<>();
    private final Size size;
    private final Path work;
    private final NightClock clock = new NightClock();
    private final String canary = "Canary-" + UUID.randomUUID() + "-Pw!";

    /**
     * @param historyDays the backup processes' history time to live for the run (the deployed P180D would take 180
     *                    nights to show history cleanup at work)
     */
    public record Size(int pools, int sqlServers, int databases, int fileStores, int usersPerPool, int filesPerStore,
                       int nights, int keepSets, int historyDays) {
    }

    /**
     * What one night measured.
     *
     * @param seconds         the backup run, start to end (engine times)
     * @param cpuSeconds      CPU time this JVM spent from the timer's fire until the run was seen ended: unlike the
     *                        run's wall time it does not grow when other work on the machine takes the cores
     * @param loadAverage     the machine's one-minute load average when the run ended (what else was running)
     * @param heapAfterGc     heap in use after a full collection, bytes
     * @param historyRows     rows in the engine's history tables (ACT_HI_*)
     * @param engineRows      rows in all engine tables (ACT_*)
     * @param engineDbBytes   the bytes the engine's tables take in its database (H2's estimate)
     * @param catalogMillis   the backup catalog's first page (fastest of five)
     * @param timelineMillis  the recovery timeline's first page (fastest of five)
     * @param rowsByTable     rows per engine table
     */
    public record Night(int night, String setId, int items, double seconds, double cpuSeconds, double loadAverage,
                        long heapAfterGc, long historyRows,
                        long engineRows, long engineDbBytes, double catalogMillis, double timelineMillis, long filesReused,
                        Map<String, Long> rowsByTable) {
    }

    /** Every night, and every invariant or leftover that failed (empty when all held every night). */
    public record Result(List<Night> nights, List<String> violations, int items, long databases) {
    }

    public ManyNights(Path work, Size size) {
        this.work = work;
        this.size = size;
    }

    /**
     * Runs the nights in a JVM of their own: the engine's clock is a static of the JVM, which other engines in the
     * same JVM (a test's cached application contexts) would follow, and the heap measured must be this application's.
     */
    public static Result inChildJvm(Path work, Size size, Duration timeout) throws Exception {
        Files.createDirectories(work);
        Path result = work.resolve("nights-result.json");
        Path output = work.resolve("nights-output.txt");
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        // an empty class path entry (failsafe's ends with one) is the working folder: the project's own processes/
        // folder would be deployed a second time
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                // the child runs in the work folder: a relative entry (bench/run's target/classes) must not move with it
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(javaCommand, "-Xmx1g", "-cp", classPath,
                ManyNights.class.getName(), work.toString(), result.toString(), JSON.writeValueAsString(size)));
        Process child = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("the nights did not end within " + timeout + "; output in " + output);
        }
        if (child.exitValue() != 0 || !Files.exists(result)) {
            throw new IllegalStateException("the nights failed (exit " + child.exitValue() + "): "
                    + tail(Files.readString(output, StandardCharsets.UTF_8)));
        }
        return JSON.readValue(result.toFile(), Result.class);
    }

    public static void main(String[] args) throws Exception {
        Result result = new ManyNights(Path.of(args[0]), JSON.readValue(args[2], Size.class)).run();
        JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[1]).toFile(), result);
        System.exit(0);
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }

    public Result run() throws Exception {
        Files.createDirectories(work.resolve("secrets"));
        Path passwordFile = Files.writeString(work.resolve("secrets/sql-password"), canary + "\n");
        Path sentinel = sentinel();
        Map<String, String> sentinelBefore = digests(sentinel);
        String[] arguments = properties(passwordFile).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        List<Night> nights = new ArrayList<>();
        int items;
        long databases;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock)).run(arguments)) {
            Beans beans = new Beans(app);
            databases = beans.farm.topology().sqlStores().stream().mapToLong(s -> s.databases().size()).sum();
            items = BackupPlanner.plan(beans.farm.topology()).items().size();
            beans.sql.createLogin(null, "lyncbackup", canary);
            for (String key : List.of(BackupProcess.SCHEDULE_KEY, BackupProcess.KEY)) {
                for (ProcessDefinition definition : beans.repository.createProcessDefinitionQuery().processDefinitionKey(key).list()) {
                    beans.repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), size.historyDays());
                }
            }
            FileStore changing = beans.farm.topology().fileStores().get(0);
            // a link in a file store that leads out of it: the copy must never follow it (I4)
            Files.createSymbolicLink(changing.mountPath().resolve("link-out-of-the-store"), sentinel);
            for (int n = 1; n <= size.nights(); n++) {
                Files.writeString(changing.mountPath().resolve("changed-every-night.txt"), "night " + n + "\n");
                // the engine reports its metrics every 15 minutes of real time; here, once a night of engine time
                beans.management.reportDbMetricsNow();
                Map<String, String> sourcesBefore = digests(beans.farm.directory().resolve("filestores"));
                nights.add(night(n, beans, changing));
                check(n, "I4", digests(sentinel).equals(sentinelBefore), "a file outside the configured roots changed");
                check(n, "I4", digests(beans.farm.directory().resolve("filestores")).equals(sourcesBefore),
                        "the backup changed a file store it read");
                progress("night %d of %d: %s", n, size.nights(), nights.get(nights.size() - 1));
            }
        } finally {
            ClockUtil.reset();
        }
        return new Result(nights, List.copyOf(violations), items, databases);
    }

    private Night night(int n, Beans beans, FileStore changing) throws Exception {
        Job timer = beans.management.createJobQuery().timers().processDefinitionKey(BackupProcess.SCHEDULE_KEY).singleResult();
        if (timer == null) {
            throw new IllegalStateException("night " + n + ": the backup schedule has no timer");
        }
        Instant fire = timer.getDuedate().toInstant();
        long cpuBefore = processCpuNanos();
        clock.set(fire.plusSeconds(5));
        Date since = Date.from(fire);
        // the schedule's timer fires by itself (the job executor sees the engine's clock past its due date)
        await("night " + n + " run", Duration.ofMinutes(30), () -> {
            List<HistoricProcessInstance> runs = beans.history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(BackupProcess.KEY).startedAfter(since).list();
            return runs.size() == 1 && runs.get(0).getEndTime() != null || beans.tasks.createTaskQuery().count() > 0;
        });
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        double loadAverage = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<HistoricProcessInstance> schedules = beans.history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(BackupProcess.SCHEDULE_KEY).startedAfter(since).list();
        List<HistoricProcessInstance> runs = beans.history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(BackupProcess.KEY).startedAfter(since).list();
        check(n, "I1", schedules.size() == 1 && runs.size() == 1, "the fire made " + schedules.size()
                + " schedule instances and " + runs.size() + " backup runs, not one each");
        check(n, "I1", beans.management.createJobQuery().timers().processDefinitionKey(BackupProcess.SCHEDULE_KEY).count() == 1,
                "the next fire is not scheduled exactly once");
        if (runs.isEmpty()) {
            throw new IllegalStateException("night " + n + ": the schedule's fire started no backup run; " + violations);
        }
        HistoricProcessInstance run = runs.get(0);
        check(n, "I3", run.getEndTime() != null && beans.history.createHistoricActivityInstanceQuery()
                .processInstanceId(run.getId()).activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count() == 1,
                "the run did not end published (open tasks: " + beans.tasks.createTaskQuery().count() + ")");
        check(n, "I3", beans.runtime.createIncidentQuery().count() == 0, "the engine has open incidents");
        if (run.getEndTime() == null) {
            throw new IllegalStateException("night " + n + ": the backup run did not end: " + violations);
        }
        String setId = run.getBusinessKey();
        double seconds = (run.getEndTime().getTime() - run.getStartTime().getTime()) / 1000.0;

        // the engine's history cleanup runs in its batch window (03:00-05:00), as configured
        clock.set(fire.atZone(ZoneId.systemDefault()).toLocalDate().atTime(3, 30).atZone(ZoneId.systemDefault()).toInstant());
        Instant cleanupAt = clock.instant();
        check(n, "history", !beans.history.findHistoryCleanupJobs().isEmpty(),
                "no history cleanup job: the engine has no batch window, its history grows forever");
        await("night " + n + " history cleanup", Duration.ofMinutes(10), () -> beans.history.findHistoryCleanupJobs()
                .stream().allMatch(job -> job.getDuedate().toInstant().isAfter(cleanupAt)));

        Path root = beans.share.root();
        check(n, "I2", beans.share.current().map(SetId::toString).orElse("").equals(setId), "CURRENT does not name "
                + setId);
        VerificationReport verified = new SetVerifier(2).verify(root.resolve(setId), Set.of());
        check(n, "I2", verified.ok(), "the current set does not verify: " + verified.problems());
        check(n, "leftovers", beans.runtime.createExecutionQuery().count() == 0, "executions are left in the engine");
        // the timers of the backup schedule and of the restore drill's schedule (moved out of these weeks), and cleanup
        check(n, "leftovers", beans.management.createJobQuery().count() == 2 + beans.history.findHistoryCleanupJobs().size(),
                "jobs other than the schedules' timers and history cleanup are left");
        check(n, "leftovers", beans.external().count() == 0, "external tasks (item locks) are left");
        try (Stream<Path> entries = Files.list(root)) {
            List<String> left = entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(BackupShare.PARTIAL_SUFFIX) || name.startsWith(".trash-")).toList();
            check(n, "leftovers", left.isEmpty(), "left on the share: " + left);
        }
        check(n, "I5", !engineTablesContain(beans.dataSource, canary), "the SQL password is in an engine table");
        check(n, "I5", !Files.readString(work.resolve("application.log"), StandardCharsets.UTF_8).contains(canary),
                "the SQL password is in the log");
        restoreChecks(n, root.resolve(setId), changing);

        long heap = heapAfterGc();
        Map<String, Long> rows = rows(beans.dataSource);
        long historyRows = rows.entrySet().stream().filter(e -> e.getKey().startsWith("ACT_HI_")).mapToLong(Map.Entry::getValue).sum();
        long engineRows = rows.values().stream().mapToLong(Long::longValue).sum();
        double catalog = fastest(() -> beans.catalog.overview(0, 20));
        double timeline = fastest(() -> beans.timeline.page(0, 20));
        long reused = reusedFiles(root.resolve(setId));
        return new Night(n, setId, BackupPlanner.plan(beans.farm.topology()).items().size(), seconds, cpuSeconds,
                loadAverage, heap, historyRows,
                engineRows, engineBytes(beans.dataSource), catalog, timeline, reused, rows);
    }

    /** I6: a restore refuses a target that holds data and leaves it as it was; onto a clean one it is byte-identical. */
    private void restoreChecks(int n, Path set, FileStore store) throws IOException {
        BackupItem.FileStoreTree item = new BackupItem.FileStoreTree(store.name(), store.unc(), store.mountPath().toString());
        Path occupied = work.resolve("restore-occupied");
        Files.createDirectories(occupied);
        Files.writeString(occupied.resolve("data.txt"), "holds data");
        try {
            FileStoreRestoreStep.restore(new FileStoreRestorer(2), set, item, occupied);
            check(n, "I6", false, "a restore wrote over a target that holds data");
        } catch (TargetNotCleanException expected) {
            check(n, "I6", digests(occupied).equals(Map.of("data.txt", Sha256.hashFile(occupied.resolve("data.txt")))),
                    "the refused restore changed its target");
        }
        Path clean = work.resolve("restore-clean-" + n);
        FileStoreRestoreStep.restore(new FileStoreRestorer(2), set, item, clean);
        Map<String, String> source = digests(store.mountPath());
        source.keySet().removeIf(path -> path.endsWith("Meeting.Active"));
        check(n, "I6", digests(clean).equals(source), "the restored store differs from the source");
        org.lyncrunbooks.backupset.AtomicFiles.deleteTree(clean);
    }

    private Map<String, String> properties(Path passwordFile) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", "0");
        p.put("server.address", "127.0.0.1");
        p.put("lync.lab.directory", work.resolve("lab").toString());
        p.put("lync.lab.size", "large");
        p.put("lync.lab.large.pools", Integer.toString(size.pools()));
        p.put("lync.lab.large.sql-servers", Integer.toString(size.sqlServers()));
        p.put("lync.lab.large.databases", Integer.toString(size.databases()));
        p.put("lync.lab.large.file-stores", Integer.toString(size.fileStores()));
        p.put("lync.lab.users-per-pool", Integer.toString(size.usersPerPool()));
        p.put("lync.lab.files-per-store", Integer.toString(size.filesPerStore()));
        p.put("lync.backup.root", work.resolve("backups").toString());
        p.put("lync.backup.retention.keep-sets", Integer.toString(size.keepSets()));
        p.put("lync.backup.item.retries", "1");
        p.put("lync.backup.retention.engine-metrics-max-age", "P" + size.historyDays() + "D");
        p.put("camunda.bpm.generic-properties.properties.historyCleanupJobLogTimeToLive", "P" + size.historyDays() + "D");
        p.put("lync.backup.worker.poll-interval", "PT0.1S");
        // the nights measure the backup cycle alone: the nightly restore drill (its own timer at 05:00) is moved out of
        // the simulated weeks, so its restores neither share the nights' time nor count as the runs' leftovers
        // (the first of the month half a year ahead: the 30 nights never reach it; the engine's cron has no year field)
        p.put("lync.drill.schedule", "0 0 5 1 " + ((java.time.LocalDate.now().getMonthValue() + 5) % 12 + 1) + " ?");
        p.put("lync.sql.credentials.defaults.integrated-security", "false");
        p.put("lync.sql.credentials.defaults.username", "lyncbackup");
        p.put("lync.sql.credentials.defaults.password-file", passwordFile.toString());
        // the job executor looks for due jobs at least every second, so a night does not wait for its idle back-off
        p.put("camunda.bpm.job-execution.max-wait", "1000");
        p.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("engine/engine") + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("logging.file.name", work.resolve("application.log").toString());
        p.put("logging.level.root", "WARN");
        p.put("logging.level.org.lyncrunbooks", "INFO");
        p.put("spring.main.banner-mode", "off");
        return p;
    }

    /** A folder next to the roots, which no night may touch (I4). */
    private Path sentinel() throws IOException {
        Path sentinel = Files.createDirectories(work.resolve("outside-the-roots"));
        Files.writeString(sentinel.resolve("keep.txt"), "nothing may read, write or delete this");
        return sentinel;
    }

    private void check(int night, String what, boolean held, String problem) {
        if (!held) {
            violations.add("night " + night + " " + what + ": " + problem);
        }
    }

    private static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return digests;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                digests.put(root.relativize(file).toString(), Sha256.hashFile(file));
            }
        }
        return digests;
    }

    private static long reusedFiles(Path set) {
        long[] reused = new long[1];
        org.lyncrunbooks.backupset.ManifestReader.read(set.resolve(Manifest.FILE_NAME),
                new org.lyncrunbooks.backupset.ManifestReader.Visitor() {
                    @Override
                    public void file(String itemId, Manifest.File file) {
                        if (file.reusedFrom() != null) {
                            reused[0]++;
                        }
                    }
                });
        return reused[0];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Rows per engine table. */
    private static Map<String, Long> rows(DataSource dataSource) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : engineTables(c)) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    rows.put(table.toUpperCase(), rs.getLong(1));
                }
            }
        }
        return rows;
    }

    private static boolean engineTablesContain(DataSource dataSource, String secret) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            for (String table : engineTables(c)) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData columns = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            String text = switch (columns.getColumnType(i)) {
                                case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                                    byte[] bytes = rs.getBytes(i);
                                    yield bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
                                }
                                default -> rs.getString(i);
                            };
                            if (text != null && text.contains(secret)) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private static List<String> engineTables(Connection c) throws Exception {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toUpperCase().startsWith("ACT_")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** The bytes the engine's tables take in the database (H2's own estimate, DISK_SPACE_USED). */
    private static long engineBytes(DataSource dataSource) throws Exception {
        long bytes = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String table : engineTables(c)) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT DISK_SPACE_USED('" + table + "')")) {
                    rs.next();
                    bytes += rs.getLong(1);
                }
            }
        }
        return bytes;
    }

    /** The fastest of five calls, in milliseconds. */
    private static double fastest(Runnable call) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            call.run();
            best = Math.min(best, (System.nanoTime() - started) / 1e6);
        }
        return best;
    }

    private static void await(String what, Duration atMost, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    private static void progress(String format, Object... args) {
        System.out.printf(java.util.Locale.ROOT, "[nights] " + format + "%n", args);
        System.out.flush();
    }

    /** The application's beans the nights use. */
    private static final class Beans {
        final RuntimeService runtime;
        final HistoryService history;
        final ManagementService management;
        final RepositoryService repository;
        final TaskService tasks;
        final BackupCatalog catalog;
        final RecoveryTimeline timeline;
        final LabFarm farm;
        final LabSqlServer sql;
        final BackupShare share;
        final DataSource dataSource;
        final org.camunda.bpm.engine.ExternalTaskService externalTasks;

        Beans(ConfigurableApplicationContext app) {
            runtime = app.getBean(RuntimeService.class);
            history = app.getBean(HistoryService.class);
            management = app.getBean(ManagementService.class);
            repository = app.getBean(RepositoryService.class);
            tasks = app.getBean(TaskService.class);
            catalog = app.getBean(BackupCatalog.class);
            timeline = app.getBean(RecoveryTimeline.class);
            farm = app.getBean(LabFarm.class);
            sql = app.getBean(LabSqlServer.class);
            share = app.getBean(BackupShare.class);
            dataSource = app.getBean(DataSource.class);
            externalTasks = app.getBean(org.camunda.bpm.engine.ExternalTaskService.class);
        }

        org.camunda.bpm.engine.externaltask.ExternalTaskQuery external() {
            return externalTasks.createExternalTaskQuery();
        }
    }

    /**
     * The application's clock and the engine's, moved together from night to night and running on in between, so
     * set ids, retention ages, timers, locks and history removal times all see the same nights.
     */
    static final class NightClock extends Clock {

        private volatile long offsetMillis;

        void set(Instant now) {
            offsetMillis = now.toEpochMilli() - System.currentTimeMillis();
            ClockUtil.offset(offsetMillis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(offsetMillis);
        }
    }
}
