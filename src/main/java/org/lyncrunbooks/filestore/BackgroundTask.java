package org.lyncrunbooks.filestore;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A piece of a file operation that runs on a daemon thread of its own beside the hashing workers — a walk that is
 * mostly {@code stat} calls, which would otherwise run alone on one core after the workers finished. The caller
 * joins it when it needs the result, or cancels it when the result is no longer needed.
 */
public final class BackgroundTask<T> {

    private final String what;
    private final FutureTask<T> task;

    private BackgroundTask(String what, Callable<T> work) {
        this.what = what;
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work} on a new daemon thread named {@code threadName}; {@code what} names it in errors. */
    public static <T> BackgroundTask<T> start(String threadName, String what, Callable<T> work) {
        BackgroundTask<T> background = new BackgroundTask<>(what, work);
        Thread thread = new Thread(background.task, threadName);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /**
     * Waits for the result. A runtime exception or error of the work is rethrown as is (the work wraps its checked
     * exceptions with a message); an interruption cancels the work and keeps the caller's interrupt flag.
     */
    public T join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new FileStoreException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw FileStoreException.unchecked(what, e.getCause());
        }
    }

    /** The result is not needed any more; the work stops at its next interruption check or runs out unseen. */
    public void cancel() {
        task.cancel(true);
    }
}
