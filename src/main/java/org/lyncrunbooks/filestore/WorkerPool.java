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
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private boolean closed;

    private WorkerPool(String name, int capacity, Consumer<T> discard) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.discard = discard;
    }

    /**
     * Starts {@code threadCount} workers. {@code discard} releases what a task holds (an open channel) when the
     * pool is stopped before the task ran.
     */
    static <T> WorkerPool<T> start(String name, int threadCount, int capacity, Supplier<Worker<T>> workers,
                                   Consumer<T> discard) {
        WorkerPool<T> pool = new WorkerPool<>(name, capacity, discard);
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
        try {
            put(task);
        } catch (RuntimeException | Error e) {
            discard.accept(task);
            throw e;
        }
    }

    /** Waits until every submitted task has run, then rethrows the first failure if there was one. */
    void finish() {
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
                discard.accept((T) item);
            }
        }
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
            T task = (T) item;
            if (stopped) {
                discard.accept(task);
                return;
            }
            try {
                worker.process(task);
            } catch (Throwable t) {
                fail(t);
                return;
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
