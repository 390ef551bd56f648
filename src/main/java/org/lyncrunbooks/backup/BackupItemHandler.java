package org.lyncrunbooks.backup;

import java.util.List;

import org.lyncrunbooks.workflow.ExternalTaskWorker;
import org.springframework.stereotype.Component;

/**
 * Backs up the item an item task of {@code lync-backup-cycle} names ({@code ServiceTask_BackUpItem}). The tasks
 * are external tasks run by an {@link ExternalTaskWorker} (see {@link BackupConfiguration}): an item can run for
 * hours, longer than any job lock. The item's outcome, failed or done, is recorded in the set, so that after the
 * last attempt the run goes on and an operator reviews it.
 *
 * <p>A fetch reads only the variable of the task's own execution that says which item it is, and the business key
 * (the set id), so the engine does not load the rest of the run for it.
 */
@Component
class BackupItemHandler implements ExternalTaskWorker.Handler<Integer> {

    private final BackupService service;

    BackupItemHandler(BackupService service) {
        this.service = service;
    }

    /** How the item worker runs, from {@code lync.backup.worker} and {@code lync.backup.item}. */
    static ExternalTaskWorker.Settings settings(BackupProperties properties) {
        BackupProperties.Worker worker = properties.worker();
        return new ExternalTaskWorker.Settings(BackupProcess.TOPIC_BACKUP_ITEM, "item", "backup-item",
                List.of(BackupVariables.ITEM_INDEX), worker.enabled(), worker.threads(), worker.lockDuration(),
                worker.pollInterval(), properties.item().retries(), properties.item().retryDelay(),
                BackupProcess.SERVICE_TASK_BACK_UP_ITEM);
    }

    @Override
    public Integer identify(ExternalTaskWorker.Task task) {
        return itemIndex(task);
    }

    @Override
    public String describe(Integer index, String setId) {
        return "backup item " + index + " of set " + setId;
    }

    @Override
    public void run(Integer index, String setId, int attempt) {
        service.runItem(setId, index, attempt);
    }

    /**
     * The plan index of the task's item: its own {@code itemIndex}. A task of a run started on the process version
     * without lanes has none; its instance's loop counter, which lives on a parent execution there, is its index.
     * A task of a version with lanes that has none (started by a modification that skipped its input mapping) is
     * refused rather than guessed: its loop counter counts its lane's items, not the run's.
     */
    static int itemIndex(ExternalTaskWorker.Task task) {
        Object index = task.variable(BackupVariables.ITEM_INDEX);
        if (index == null) {
            if (task.definitionHas(BackupProcess.SUB_PROCESS_BACK_UP_ITEMS)) {
                throw new IllegalStateException("the task has no variable " + BackupVariables.ITEM_INDEX
                        + " (was it started without its input mapping?)");
            }
            index = task.executionVariable(BackupVariables.LOOP_COUNTER);
        }
        return BackupVariables.readInt(index, BackupVariables.ITEM_INDEX);
    }
}
