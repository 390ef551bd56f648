package org.lyncrunbooks.backup;

import org.lyncrunbooks.secrets.Redaction;

import java.lang.management.ManagementFactory;
import java.util.List;
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
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.spring.boot.starter.event.ExecutionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs {@code ServiceTask_BackUpItem} as an in-process external-task worker. An item can run for hours (a file
 * store copy), longer than any job lock, so instead of an async service task the item is fetched and locked,
 * and the lock is extended while the item runs: as long as this node lives nobody else can take the item, and
 * when it dies the lock expires and another node (or this one after a restart) takes it again. If extending
 * fails — the lock was lost — the item is interrupted and its result is not reported.
 *
 * <p>Failures are retried {@code lync.backup.item.retries} times; after the last attempt the item is completed
 * as failed (its outcome is recorded in the set), so the other items go on and an operator reviews the run.
 *
 * <p>A fetch reads only the variable of the task's own execution that says which item it is, and the business key
 * (the set id), so the engine does not load the rest of the run for it. A task that vanished while its item
 * ran (the run was deleted, or another node completed it after this node's lock expired) is logged and left alone.
 */
@Component
class BackupItemWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackupItemWorker.class);

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final BackupService service;
    private final BackupProperties.Worker config;
    private final BackupProperties.Item itemConfig;
    private final String workerId;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object wakeUp = new Object();
    /** Set when an item ended (or the worker stops) since the poller last looked; guarded by {@link #wakeUp}. */
    private boolean wakeUpPending;
    private final ConcurrentHashMap<String, Thread> runningItems = new ConcurrentHashMap<>();
    private ExecutorService items;
    private ScheduledExecutorService heartbeat;
    private Thread poller;

    BackupItemWorker(ExternalTaskService externalTasks, RuntimeService runtime, RepositoryService repository,
                     BackupService service, BackupProperties properties) {
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.repository = repository;
        this.service = service;
        this.config = properties.worker();
        this.itemConfig = properties.item();
        this.workerId = "lync-runbooks-" + ManagementFactory.getRuntimeMXBean().getName() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    String workerId() {
        return workerId;
    }

    @Override
    public void start() {
        if (!config.enabled() || !running.compareAndSet(false, true)) {
            return;
        }
        items = Executors.newFixedThreadPool(config.threads(), named("backup-item-"));
        heartbeat = Executors.newSingleThreadScheduledExecutor(named("backup-item-lock-"));
        poller = named("backup-item-poller-").newThread(this::poll);
        poller.start();
        log.info("Backup item worker {} started: {} threads, lock {}", workerId, config.threads(), config.lockDuration());
    }

    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        wakeUp();
        items.shutdownNow();
        heartbeat.shutdownNow();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(10));
            items.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Hand interrupted items back at once instead of leaving them locked until the lock expires.
        runningItems.keySet().forEach(taskId -> {
            try {
                externalTasks.unlock(taskId);
            } catch (RuntimeException e) {
                log.debug("Could not unlock {}: {}", taskId, e.getMessage());
            }
        });
        log.info("Backup item worker {} stopped", workerId);
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void wakeUp() {
        synchronized (wakeUp) {
            wakeUpPending = true;
            wakeUp.notifyAll();
        }
    }

    private void poll() {
        long lockMillis = config.lockDuration().toMillis();
        while (running.get()) {
            int free = config.threads() - inFlight.get();
            if (free > 0) {
                try {
                    List<LockedExternalTask> tasks = externalTasks.fetchAndLock(free, workerId)
                            .topic(BackupProcess.TOPIC_BACKUP_ITEM, lockMillis)
                            .variables(BackupVariables.ITEM_INDEX)
                            .localVariables()
                            .execute();
                    for (LockedExternalTask task : tasks) {
                        inFlight.incrementAndGet();
                        items.execute(() -> handle(task));
                    }
                    if (!tasks.isEmpty()) {
                        continue;
                    }
                } catch (RuntimeException e) {
                    if (!running.get()) {
                        return;
                    }
                    log.warn("Fetching backup items failed; trying again in {}: {}", config.pollInterval(), e.getMessage());
                }
            }
            synchronized (wakeUp) {
                try {
                    // An item that ended between the fetch and here has already signalled: fetch again at once
                    // instead of sleeping through the poll interval with a thread free.
                    if (!wakeUpPending) {
                        wakeUp.wait(Math.max(1, config.pollInterval().toMillis()));
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
        runningItems.put(taskId, Thread.currentThread());
        try {
            String setId = task.getBusinessKey();
            int index;
            try {
                index = itemIndex(task, runtime, repository);
            } catch (RuntimeException e) {
                // not one of ours to run: an incident tells an administrator, instead of a lock that keeps expiring
                log.error("Backup item task {} of set {} does not say which item it is: {}", taskId, setId, e.getMessage());
                report(task, -1, setId, "failure", () -> externalTasks.handleFailure(taskId, workerId,
                        "the task does not say which item it is: " + e.getMessage(), null, 0, 0));
                return;
            }
            run(task, setId, index);
        } catch (RuntimeException e) {
            // nothing may escape into the pool; the task's lock expires and the item is taken again
            if (running.get()) {
                log.error("Backup item task {} could not be run: {}", taskId, e.getMessage(), e);
            } else {
                log.warn("Backup item task {} stopped with the worker: {}", taskId, e.getMessage());
            }
        } finally {
            runningItems.remove(taskId);
            Thread.interrupted();
            inFlight.decrementAndGet();
            wakeUp();
        }
    }

    private void run(LockedExternalTask task, String setId, int index) {
        String taskId = task.getId();
        AtomicBoolean lockLost = new AtomicBoolean();
        Thread itemThread = Thread.currentThread();
        long lockMillis = config.lockDuration().toMillis();
        long every = Math.max(100, lockMillis / 3);
        ScheduledFuture<?> extension = heartbeat.scheduleAtFixedRate(() -> {
            try {
                externalTasks.extendLock(taskId, workerId, lockMillis);
            } catch (RuntimeException e) {
                if (lockLost.compareAndSet(false, true)) {
                    if (vanished(e)) {
                        log.warn("Backup item {} of set {}: task {} is gone from the engine (its run was deleted or "
                                + "another node completed it); interrupting the item", index, setId, taskId);
                    } else {
                        log.error("Lost the lock of backup item task {}: {}; interrupting it", taskId, e.getMessage());
                    }
                    itemThread.interrupt();
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
        int configured = itemConfig.retries();
        int remaining = task.getRetries() == null ? configured : task.getRetries();
        int attempt = configured - remaining + 1;
        try {
            service.runItem(setId, index, attempt);
            extension.cancel(false);
            if (!lockLost.get()) {
                report(task, index, setId, "completion", () -> externalTasks.complete(taskId, workerId));
            }
        } catch (RuntimeException e) {
            extension.cancel(false);
            if (lockLost.get() || !running.get()) {
                log.warn("Backup item {} of set {} stopped: {}", index, setId, Redaction.scrub(e.getMessage()));
            } else if (attempt < configured) {
                log.warn("Backup item {} of set {} failed (attempt {} of {}), retrying in {}: {}", index, setId,
                        attempt, configured, itemConfig.retryDelay(), Redaction.scrub(e.getMessage()));
                String message = Redaction.scrub(e.getMessage());
                report(task, index, setId, "failure", () -> externalTasks.handleFailure(taskId, workerId,
                        truncate(message), message, remaining - 1, itemConfig.retryDelay().toMillis()));
            } else {
                log.error("Backup item {} of set {} failed after {} attempts: {}", index, setId, attempt, Redaction.scrub(e.getMessage()));
                report(task, index, setId, "completion", () -> externalTasks.complete(taskId, workerId));
            }
        } finally {
            extension.cancel(false);
        }
    }

    /**
     * The plan index of the task's item: its own {@code itemIndex}. A task of a run started on the process version
     * without lanes has none; its instance's loop counter, which lives on a parent execution there, is its index.
     * A task of a version with lanes that has none (started by a modification that skipped its input mapping) is
     * refused rather than guessed: its loop counter counts its lane's items, not the run's.
     */
    static int itemIndex(LockedExternalTask task, RuntimeService runtime, RepositoryService repository) {
        Object index = task.getVariables().get(BackupVariables.ITEM_INDEX);
        if (index == null) {
            if (repository.getBpmnModelInstance(task.getProcessDefinitionId())
                    .getModelElementById(BackupProcess.SUB_PROCESS_BACK_UP_ITEMS) != null) {
                throw new IllegalStateException("the task has no variable " + BackupVariables.ITEM_INDEX
                        + " (was it started without its input mapping?)");
            }
            index = runtime.getVariable(task.getExecutionId(), BackupVariables.LOOP_COUNTER);
        }
        return BackupVariables.readInt(index, BackupVariables.ITEM_INDEX);
    }

    /**
     * Item tasks started on this node — a run's lanes started, or a lane went on to its next item: fetch them as soon as
     * the transaction that created them has committed instead of at the next poll, which at the start of a run cost up
     * to a poll interval. Other nodes find them at their next poll.
     */
    @EventListener
    void onItemTaskStarted(ExecutionEvent event) {
        if (ExecutionListener.EVENTNAME_START.equals(event.getEventName())
                && BackupProcess.SERVICE_TASK_BACK_UP_ITEM.equals(event.getCurrentActivityId())
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp();
                }
            });
        }
    }

    /**
     * Reports an item's outcome to the engine without letting anything escape into the worker's thread pool. A
     * collision on the engine's rows (rare: a completion touches only its own lane) is simply repeated. A task that
     * is gone or has been locked by another worker since — its run was deleted, or this node's lock expired and
     * another node took the item — is not this worker's to report any more: the item's outcome is recorded in the
     * set, so whoever has the task now, or an operator's retry, goes on from there.
     */
    private void report(LockedExternalTask task, int index, String setId, String what, Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (OptimisticLockingException e) {
                if (attempt >= 5) {
                    log.error("Could not report the {} of backup item {} of set {} (task {}) after {} collisions: {}",
                            what, index, setId, task.getId(), attempt, e.getMessage());
                    return;
                }
            } catch (RuntimeException e) {
                if (vanished(e)) {
                    log.warn("Backup item {} of set {}: task {} is gone from the engine (its run was deleted or "
                            + "another node completed it); its {} is not reported", index, setId, task.getId(), what);
                } else if (e instanceof BadUserRequestException) {
                    log.warn("Backup item {} of set {}: task {} is no longer locked by this worker ({}); its {} is "
                            + "not reported", index, setId, task.getId(), e.getMessage(), what);
                } else {
                    log.error("Could not report the {} of backup item {} of set {} (task {}); the task stays locked "
                            + "until its lock expires: {}", what, index, setId, task.getId(), e.getMessage(), e);
                }
                return;
            }
        }
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

    private static String truncate(String message) {
        if (message == null) {
            return "backup item failed";
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
