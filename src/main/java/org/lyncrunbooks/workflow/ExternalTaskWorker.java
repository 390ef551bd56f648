package org.lyncrunbooks.workflow;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.spring.boot.starter.event.ExecutionEvent;
import org.lyncrunbooks.secrets.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An in-process external-task worker for one topic, for work that can run for hours — longer than any job lock.
 * Instead of an async service task the task is fetched and locked, and the lock is extended every third of it
 * while the work runs: as long as this node lives nobody else can take the task, and when it dies the lock
 * expires and another node (or this one after a restart) takes it again. If extending fails — the lock was lost —
 * the work is interrupted and its result is not reported.
 *
 * <p>A failure is retried {@code retries} times with {@code retryDelay} between; after the last attempt the task
 * is completed, so that its process goes on: the {@link Handler} records the failure where its process reads it.
 * A task that vanished while its work ran (its process instance was deleted, or another node completed it after
 * this node's lock expired) is logged and left alone. Create it with {@link ExternalTaskWorkers} and register it
 * as a bean: it starts and stops with the application.
 *
 * @param <K> what a task asks for, as the handler identifies it (the backup items: the item's plan index)
 */
public final class ExternalTaskWorker<K> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExternalTaskWorker.class);

    /** The work behind one topic's tasks, without the engine. */
    public interface Handler<K> {

        /**
         * What {@code task} asks for, from what it says.
         *
         * @throws RuntimeException when it does not say it: the task gets an incident instead of a lock that keeps
         *                          expiring
         */
        K identify(Task task);

        /** How the logs name one piece of work, in lower case: "backup item 3 of set 20261126T020000Z". */
        String describe(K work, String businessKey);

        /** Does the work; a failure throws. {@code attempt} counts from 1. */
        void run(K work, String businessKey, int attempt);
    }

    /** A fetched and locked task, as its handler may read it. */
    public interface Task {

        String businessKey();

        /** One of the variables the worker fetches with the task ({@link Settings#variables()}), or null. */
        Object variable(String name);

        /** A variable as the task's execution sees it (its own, or one of a parent scope), or null. */
        Object executionVariable(String name);

        /** Whether the task's process definition has an element with this id. */
        boolean definitionHas(String elementId);
    }

    /**
     * How the worker runs.
     *
     * @param topic              the external tasks' topic
     * @param noun               what one piece of work is called in messages ("item")
     * @param threadName         the prefix of the worker's thread names ("backup-item"); with spaces for the hyphens,
     *                           what the logs call its tasks ("backup item")
     * @param variables          the variables fetched with each task (local to the task's execution)
     * @param enabled            false: this node takes no tasks of the topic
     * @param threads            pieces of work run at once on this node
     * @param lockDuration       a task's lock, extended every third of it while its work runs
     * @param pollInterval       the wait between fetches when there was nothing to fetch
     * @param retries            attempts of a failing piece of work
     * @param retryDelay         the wait before the next attempt
     * @param wakeUpActivityId   the activity whose tasks are fetched as soon as this node started one and its
     *                           transaction committed, instead of at the next poll
     */
    public record Settings(String topic, String noun, String threadName, List<String> variables, boolean enabled,
                           int threads, Duration lockDuration, Duration pollInterval, int retries, Duration retryDelay,
                           String wakeUpActivityId) {
    }

    private final ExternalTaskService externalTasks;
    private final ExternalTaskWorkers.TaskReader reader;
    private final Settings settings;
    private final Handler<K> handler;
    private final String workerId;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object wakeUp = new Object();
    /** Set when a piece of work ended (or the worker stops) since the poller last looked; guarded by {@link #wakeUp}. */
    private boolean wakeUpPending;
    private final ConcurrentHashMap<String, Thread> runningTasks = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private ScheduledExecutorService heartbeat;
    private Thread poller;

    ExternalTaskWorker(ExternalTaskService externalTasks, ExternalTaskWorkers.TaskReader reader, Settings settings,
                       Handler<K> handler) {
        this.externalTasks = externalTasks;
        this.reader = reader;
        this.settings = settings;
        this.handler = handler;
        this.workerId = "lync-runbooks-" + ManagementFactory.getRuntimeMXBean().getName() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String workerId() {
        return workerId;
    }

    @Override
    public void start() {
        if (!settings.enabled() || !running.compareAndSet(false, true)) {
            return;
        }
        workers = Executors.newFixedThreadPool(settings.threads(), named(settings.threadName() + "-"));
        heartbeat = Executors.newSingleThreadScheduledExecutor(named(settings.threadName() + "-lock-"));
        poller = named(settings.threadName() + "-poller-").newThread(this::poll);
        poller.start();
        log.info("{} worker {} started: {} threads, lock {}", capitalized(label()), workerId, settings.threads(),
                settings.lockDuration());
    }

    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        wakeUp();
        workers.shutdownNow();
        heartbeat.shutdownNow();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(10));
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Hand interrupted tasks back at once instead of leaving them locked until the lock expires.
        runningTasks.keySet().forEach(taskId -> {
            try {
                externalTasks.unlock(taskId);
            } catch (RuntimeException e) {
                log.debug("Could not unlock {}: {}", taskId, e.getMessage());
            }
        });
        log.info("{} worker {} stopped", capitalized(label()), workerId);
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /**
     * Tasks started on this node — their activity was entered: fetch them as soon as the transaction that created
     * them has committed instead of at the next poll, which could cost up to a poll interval. Other nodes find them
     * at their next poll.
     */
    @EventListener
    void onTaskStarted(ExecutionEvent event) {
        if (ExecutionListener.EVENTNAME_START.equals(event.getEventName())
                && settings.wakeUpActivityId() != null
                && settings.wakeUpActivityId().equals(event.getCurrentActivityId())
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp();
                }
            });
        }
    }

    private void wakeUp() {
        synchronized (wakeUp) {
            wakeUpPending = true;
            wakeUp.notifyAll();
        }
    }

    private void poll() {
        long lockMillis = settings.lockDuration().toMillis();
        while (running.get()) {
            int free = settings.threads() - inFlight.get();
            if (free > 0) {
                try {
                    List<LockedExternalTask> tasks = externalTasks.fetchAndLock(free, workerId)
                            .topic(settings.topic(), lockMillis)
                            .variables(settings.variables())
                            .localVariables()
                            .execute();
                    for (LockedExternalTask task : tasks) {
                        inFlight.incrementAndGet();
                        workers.execute(() -> handle(task));
                    }
                    if (!tasks.isEmpty()) {
                        continue;
                    }
                } catch (RuntimeException e) {
                    if (!running.get()) {
                        return;
                    }
                    log.warn("Fetching {}s failed; trying again in {}: {}", label(), settings.pollInterval(),
                            e.getMessage());
                }
            }
            synchronized (wakeUp) {
                try {
                    // Work that ended between the fetch and here has already signalled: fetch again at once
                    // instead of sleeping through the poll interval with a thread free.
                    if (!wakeUpPending) {
                        wakeUp.wait(Math.max(1, settings.pollInterval().toMillis()));
                    }
                    wakeUpPending = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void handle(LockedExternalTask task) {
        String taskId = task.getId();
        runningTasks.put(taskId, Thread.currentThread());
        try {
            String businessKey = task.getBusinessKey();
            K work;
            try {
                work = handler.identify(reader.read(task));
            } catch (RuntimeException e) {
                // not one of ours to run: an incident tells an administrator, instead of a lock that keeps expiring
                log.error("{} task {} of {} does not say which {} it is: {}", capitalized(label()), taskId, businessKey,
                        settings.noun(), e.getMessage());
                report(task, "a " + label() + " task of " + businessKey, "failure", () -> externalTasks.handleFailure(
                        taskId, workerId, "the task does not say which " + settings.noun() + " it is: " + e.getMessage(),
                        null, 0, 0));
                return;
            }
            run(task, work, businessKey);
        } catch (RuntimeException e) {
            // nothing may escape into the pool; the task's lock expires and the work is taken again
            if (running.get()) {
                log.error("{} task {} could not be run: {}", capitalized(label()), taskId, e.getMessage(), e);
            } else {
                log.warn("{} task {} stopped with the worker: {}", capitalized(label()), taskId, e.getMessage());
            }
        } finally {
            runningTasks.remove(taskId);
            Thread.interrupted();
            inFlight.decrementAndGet();
            wakeUp();
        }
    }

    private void run(LockedExternalTask task, K work, String businessKey) {
        String taskId = task.getId();
        String what = handler.describe(work, businessKey);
        AtomicBoolean lockLost = new AtomicBoolean();
        Thread workThread = Thread.currentThread();
        long lockMillis = settings.lockDuration().toMillis();
        long every = Math.max(100, lockMillis / 3);
        ScheduledFuture<?> extension = heartbeat.scheduleAtFixedRate(() -> {
            try {
                externalTasks.extendLock(taskId, workerId, lockMillis);
            } catch (OptimisticLockingException e) {
                // a concurrent change of the task's row (its process instance being deleted, say): the lock still
                // holds until it expires, and the next extension, a third of it later, says what became of the task
                log.debug("Extending the lock of {} task {} collided with another change; trying again", label(), taskId);
            } catch (RuntimeException e) {
                if (lockLost.compareAndSet(false, true)) {
                    if (vanished(e)) {
                        log.warn("{}: task {} is gone from the engine (its run was deleted or another node "
                                + "completed it); interrupting the {}", capitalized(what), taskId, settings.noun());
                    } else {
                        log.error("Lost the lock of {} task {}: {}; interrupting it", label(), taskId, e.getMessage());
                    }
                    workThread.interrupt();
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
        int configured = settings.retries();
        int remaining = task.getRetries() == null ? configured : task.getRetries();
        int attempt = configured - remaining + 1;
        try {
            handler.run(work, businessKey, attempt);
            extension.cancel(false);
            if (!lockLost.get()) {
                report(task, what, "completion", () -> externalTasks.complete(taskId, workerId));
            }
        } catch (RuntimeException e) {
            extension.cancel(false);
            String message = Redaction.scrub(e.getMessage());
            if (lockLost.get() || !running.get()) {
                log.warn("{} stopped: {}", capitalized(what), message);
            } else if (attempt < configured) {
                log.warn("{} failed (attempt {} of {}), retrying in {}: {}", capitalized(what), attempt, configured,
                        settings.retryDelay(), message);
                report(task, what, "failure", () -> externalTasks.handleFailure(taskId, workerId,
                        truncate(message), message, remaining - 1, settings.retryDelay().toMillis()));
            } else {
                log.error("{} failed after {} attempts: {}", capitalized(what), attempt, message);
                report(task, what, "completion", () -> externalTasks.complete(taskId, workerId));
            }
        } finally {
            extension.cancel(false);
        }
    }

    /**
     * Reports a task's outcome to the engine without letting anything escape into the worker's thread pool. A
     * collision on the engine's rows (rare) is simply repeated. A task that is gone or has been locked by another
     * worker since — its process instance was deleted, or this node's lock expired and another node took it — is
     * not this worker's to report any more: the handler recorded the outcome, so whoever has the task now, or an
     * operator's retry, goes on from there.
     */
    private void report(LockedExternalTask task, String what, String outcome, Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (OptimisticLockingException e) {
                if (attempt >= 5) {
                    log.error("Could not report the {} of {} (task {}) after {} collisions: {}", outcome, what,
                            task.getId(), attempt, e.getMessage());
                    return;
                }
            } catch (RuntimeException e) {
                if (vanished(e)) {
                    log.warn("{}: task {} is gone from the engine (its run was deleted or another node completed "
                            + "it); its {} is not reported", capitalized(what), task.getId(), outcome);
                } else if (e instanceof BadUserRequestException) {
                    log.warn("{}: task {} is no longer locked by this worker ({}); its {} is not reported",
                            capitalized(what), task.getId(), e.getMessage(), outcome);
                } else {
                    log.error("Could not report the {} of {} (task {}); the task stays locked until its lock "
                            + "expires: {}", outcome, what, task.getId(), e.getMessage(), e);
                }
                return;
            }
        }
    }

    /** "backup item": the thread name read as words. */
    private String label() {
        return settings.threadName().replace('-', ' ');
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /** The engine's answer for a task that no longer exists: NotFoundException, directly or wrapped. */
    private static boolean vanished(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NotFoundException) {
                return true;
            }
        }
        return false;
    }

    private String truncate(String message) {
        if (message == null) {
            return label() + " failed";
        }
        return message.length() > 600 ? message.substring(0, 600) + " …" : message;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
