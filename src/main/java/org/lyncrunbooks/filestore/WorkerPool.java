package org.lyncrunbooks.filestore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fixed worker threads fed through a bounded queue, so the submitting thread never runs more than the queue's
 * capacity ahead of the workers and memory stays flat whatever the number of tasks. The first failure stops
 * every worker; an interrupted submitter stops them too and gets a {@link FileStoreException} with its
 * interrupt flag kept. Only the thread that created the pool may call {@link #submit}, {@link #finish} and
 * {@link #close}.
 *
 * <p>Tasks travel in batches: up to {@code batchSize} tasks, or fewer once their weights (bytes to read) reach
 * {@code batchWeight}. A task that costs a syscall or two (a hard link, a {@code stat}) would otherwise cost more in
 * handing it to another thread than in doing it; a task that reads megabytes still goes out on its own, so both
 * workers keep busy.
 */
final class WorkerPool<T> implements AutoCloseable {

    /** What one worker thread does with a task; one instance per thread, so it may keep buffers and digests. */
    interface Worker<T> {
        void process(T task) throws Exception;
    }

    private static final Object END = new Object();
    /** How often a submitter blocked on a full queue re-checks whether the workers have died. */
    private static final long POLL_MILLIS = 50;

    private final String name;
    private final BlockingQueue<Object> queue;
    private final Consumer<T> discard;
    private final int batchSize;
    private final long batchWeight;
    private List<T> batch = new ArrayList<>();
    private long weight;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private boolean closed;

    private WorkerPool(String name, int capacity, Consumer<T> discard, int batchSize, long batchWeight) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.discard = discard;
        this.batchSize = batchSize;
        this.batchWeight = batchWeight;
    }

    /**
     * Starts {@code threadCount} workers, each task its own batch. {@code discard} releases what a task holds (an open
     * channel) when the pool is stopped before the task ran.
     */
    static <T> WorkerPool<T> start(String name, int threadCount, int capacity, Supplier<Worker<T>> workers,
                                   Consumer<T> discard) {
        return start(name, threadCount, capacity, 1, 0, workers, discard);
    }

    /** Starts {@code threadCount} workers fed batches of up to {@code batchSize} tasks or {@code batchWeight}. */
    static <T> WorkerPool<T> start(String name, int threadCount, int capacity, int batchSize, long batchWeight,
                                   Supplier<Worker<T>> workers, Consumer<T> discard) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        WorkerPool<T> pool = new WorkerPool<>(name, capacity, discard, batchSize, batchWeight);
        for (int i = 1; i <= threadCount; i++) {
            Worker<T> worker = workers.get();
            Thread thread = new Thread(() -> pool.run(worker), name + "-" + i);
            thread.setDaemon(true);
            pool.threads.add(thread);
        }
        pool.threads.forEach(Thread::start);
        return pool;
    }

    /** Queues a task, waiting while the queue is full; if it throws, the task has been discarded. */
    void submit(T task) {
        submit(task, 0);
    }

    /**
     * Queues a task of the given weight (bytes it reads), waiting while the queue is full; if it throws, the task and
     * the others of its batch not yet queued have been discarded.
     */
    void submit(T task, long taskWeight) {
        batch.add(task);
        weight += taskWeight;
        if (batch.size() >= batchSize || weight >= batchWeight) {
            flush();
        }
    }

    /** Queues the tasks submitted so far now, as a batch of their own, however small. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<T> full = batch;
        batch = new ArrayList<>(Math.min(batchSize, 64));
        weight = 0;
        try {
            put(full);
        } catch (RuntimeException | Error e) {
            full.forEach(discard);
            throw e;
        }
    }

    /** Waits until every submitted task has run, then rethrows the first failure if there was one. */
    void finish() {
        flush();
        for (int i = 0; i < threads.size(); i++) {
            put(END);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
        closed = true;
        throwIfFailed();
    }

    /** Stops the workers if {@link #finish} did not complete, so no thread outlives the caller's operation. */
    @Override
    public void close() {
        if (!closed) {
            stopAndJoin();
        }
    }

    private void put(Object item) {
        throwIfFailed();
        try {
            while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private FileStoreException interrupted(InterruptedException e) {
        stopAndJoin();
        Thread.currentThread().interrupt();
        return new FileStoreException(name + " was interrupted", e);
    }

    private void throwIfFailed() {
        Throwable first = failure.get();
        if (first == null) {
            return;
        }
        stopAndJoin();
        throw FileStoreException.unchecked(name, first);
    }

    private void stopAndJoin() {
        closed = true;
        stopped = true;
        threads.forEach(Thread::interrupt);
        boolean interrupted = Thread.interrupted();
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        discardQueued();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private void discardQueued() {
        for (Object item; (item = queue.poll()) != null; ) {
            if (item != END) {
                ((List<T>) item).forEach(discard);
            }
        }
        batch.forEach(discard);
        batch.clear();
    }

    @SuppressWarnings("unchecked")
    private void run(Worker<T> worker) {
        while (!stopped) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == END) {
                return;
            }
            List<T> tasks = (List<T>) item;
            for (int i = 0; i < tasks.size(); i++) {
                if (stopped) {
                    tasks.subList(i, tasks.size()).forEach(discard);
                    return;
                }
                try {
                    worker.process(tasks.get(i));
                } catch (Throwable t) {
                    tasks.subList(i + 1, tasks.size()).forEach(discard);
                    fail(t);
                    return;
                }
            }
        }
    }

    private void fail(Throwable t) {
        // Failures after a stop are echoes of the interrupt that stopped the worker, not news.
        if (!stopped && failure.compareAndSet(null, t)) {
            stopped = true;
            threads.stream().filter(thread -> thread != Thread.currentThread()).forEach(Thread::interrupt);
        }
    }
}
