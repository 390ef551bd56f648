package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    private static final int THREADS = 2;
    private static final int CAPACITY = 4;

    @Test
    void neverLetsTheSubmitterRunMoreThanTheQueueAheadOfTheWorkers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicReference<Throwable> submitterFailure = new AtomicReference<>();
        Thread submitter = new Thread(() -> {
            try (WorkerPool<Integer> pool = WorkerPool.start("bounded-test", THREADS, CAPACITY, () -> task -> {
                release.await();
                processed.incrementAndGet();
            }, task -> { })) {
                for (int i = 0; i < 10_000; i++) {
                    pool.submit(i);
                    accepted.incrementAndGet();
                }
                pool.finish();
            } catch (Throwable t) {
                submitterFailure.set(t);
            }
        });
        submitter.start();

        // Blocked workers hold one task each; the submitter may fill the queue and must then wait.
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.get() == THREADS + CAPACITY
                && submitter.getState() == Thread.State.TIMED_WAITING);
        assertThat(accepted.get()).isEqualTo(THREADS + CAPACITY);
        assertThat(processed.get()).isZero();

        release.countDown();
        submitter.join(Duration.ofSeconds(30).toMillis());
        assertThat(submitterFailure.get()).isNull();
        assertThat(processed.get()).isEqualTo(10_000);
    }

    @Test
    void rethrowsTheFirstFailureAndDiscardsWhatWasStillQueued() {
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger discarded = new AtomicInteger();
        CountDownLatch bothWorkersBusy = new CountDownLatch(THREADS);
        CountDownLatch queueFull = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("task 0 failed");

        // Task 0 fails once the queue is full; task 1 holds the other worker until the failure interrupts it. So
        // exactly the queued tasks 2..5 and the rejected task 6 are discarded, and none is processed.
        assertThatThrownBy(() -> {
            try (WorkerPool<Integer> pool = WorkerPool.start("failure-test", THREADS, CAPACITY, () -> task -> {
                bothWorkersBusy.countDown();
                if (task == 0) {
                    queueFull.await();
                    throw boom;
                }
                never.await();
                processed.incrementAndGet();
            }, task -> discarded.incrementAndGet())) {
                pool.submit(0);
                pool.submit(1);
                bothWorkersBusy.await();
                for (int i = 2; i < 2 + CAPACITY; i++) {
                    pool.submit(i);
                }
                queueFull.countDown();
                pool.submit(2 + CAPACITY);
                pool.finish();
            }
        }).isSameAs(boom);
        assertThat(processed.get()).isZero();
        assertThat(discarded.get()).isEqualTo(CAPACITY + 1);
        assertThat(TestTrees.workerThreadsAlive("failure-test")).isFalse();
    }

    @Test
    void stopsTheWorkersWhenTheSubmitterIsInterruptedAndKeepsTheFlag() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger discarded = new AtomicInteger();
        WorkerPool<Integer> pool = WorkerPool.start("interrupt-test", THREADS, CAPACITY, () -> task -> never.await(),
                task -> discarded.incrementAndGet());
        try {
            for (int i = 0; i < THREADS + CAPACITY; i++) {
                pool.submit(i);
            }
            Thread.currentThread().interrupt();

            assertThatThrownBy(() -> pool.submit(99))
                    .isInstanceOf(FileStoreException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            pool.close();
        }
        assertThat(TestTrees.workerThreadsAlive("interrupt-test")).isFalse();
        assertThat(discarded.get()).as("the rejected task and those never started").isGreaterThanOrEqualTo(1);
    }
}
