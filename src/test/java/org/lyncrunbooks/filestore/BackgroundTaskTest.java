package org.lyncrunbooks.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

    @Test
    void runsOnADaemonThreadOfItsOwnAndHandsBackTheResult() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        BackgroundTask<String> task = BackgroundTask.start("test-background", "testing", () -> {
            ranOn.set(Thread.currentThread());
            return "done";
        });

        assertThat(task.join()).isEqualTo("done");
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().getName()).isEqualTo("test-background");
        assertThat(ranOn.get().isDaemon()).isTrue();
    }

    @Test
    void rethrowsTheWorksRuntimeExceptionAsIs() {
        UncheckedIOException failure = new UncheckedIOException("cannot list /set", new IOException("denied"));
        BackgroundTask<Long> task = BackgroundTask.start("test-background", "counting", () -> {
            throw failure;
        });

        assertThatThrownBy(task::join).isSameAs(failure);
    }

    @Test
    void wrapsACheckedExceptionNamingWhatFailed() {
        BackgroundTask<Long> task = BackgroundTask.start("test-background", "counting the files of /set", () -> {
            throw new IOException("denied");
        });

        assertThatThrownBy(task::join).isInstanceOf(FileStoreException.class)
                .hasMessageContaining("counting the files of /set").hasCauseInstanceOf(IOException.class);
    }

    @Test
    void anInterruptedJoinCancelsTheWorkAndKeepsTheFlag() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        BackgroundTask<Long> task = BackgroundTask.start("test-background", "listing the folders", () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return 0L;
        });
        started.await();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(task::join).isInstanceOf(FileStoreException.class)
                    .hasMessageContaining("interrupted while listing the folders");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
