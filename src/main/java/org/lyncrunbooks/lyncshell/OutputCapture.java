package org.lyncrunbooks.lyncshell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one output stream of a process on its own thread, keeping only the last {@code limit} bytes. Each
 * stream needs its own reader: a process blocks once a pipe buffer is full, so reading stdout and stderr one
 * after the other can deadlock.
 */
final class OutputCapture {

    private static final Logger log = LoggerFactory.getLogger(OutputCapture.class);

    private final byte[] ring;
    private final Thread thread;
    private long total;
    private boolean abandoned;

    private OutputCapture(InputStream in, String threadName, int limit) {
        this.ring = new byte[limit];
        this.thread = new Thread(() -> pump(in), threadName);
        // A background process that inherited the pipe can keep it open after the shell exited; such a
        // reader must not keep the JVM alive.
        thread.setDaemon(true);
    }

    static OutputCapture start(InputStream in, String threadName, int limit) {
        OutputCapture capture = new OutputCapture(in, threadName, limit);
        capture.thread.start();
        return capture;
    }

    private void pump(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // The stream is closed under us when the process is killed; what was read so far is kept.
            log.debug("{} stopped: {}", thread.getName(), e.getMessage());
        }
    }

    private synchronized void append(byte[] buffer, int length) {
        int offset = 0;
        while (offset < length) {
            int position = (int) (total % ring.length);
            int n = Math.min(length - offset, ring.length - position);
            System.arraycopy(buffer, offset, ring, position, n);
            offset += n;
            total += n;
        }
    }

    /**
     * Waits until the stream has ended, at most until {@code deadlineNanos} ({@link System#nanoTime()}); when
     * it has not ended by then, {@link #text()} says that the capture is incomplete.
     */
    boolean awaitEnd(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            Duration wait = Duration.ofNanos(remaining);
            thread.join(Math.max(1, wait.toMillis()));
        }
        if (thread.isAlive()) {
            synchronized (this) {
                abandoned = true;
            }
            return false;
        }
        return true;
    }

    /** What was captured, decoded as UTF-8, with a note when earlier bytes were dropped. */
    synchronized String text() {
        int kept = (int) Math.min(total, ring.length);
        byte[] bytes = new byte[kept];
        if (total <= ring.length) {
            System.arraycopy(ring, 0, bytes, 0, kept);
        } else {
            int oldest = (int) (total % ring.length);
            System.arraycopy(ring, oldest, bytes, 0, ring.length - oldest);
            System.arraycopy(ring, 0, bytes, ring.length - oldest, oldest);
        }
        int skip = 0;
        if (total > ring.length) {
            // The cut may have landed inside a multi-byte character; drop its continuation bytes.
            while (skip < Math.min(3, kept) && (bytes[skip] & 0xC0) == 0x80) {
                skip++;
            }
        }
        StringBuilder text = new StringBuilder();
        if (total > ring.length) {
            text.append("[output truncated: ").append(total - ring.length + skip)
                    .append(" earlier bytes dropped, the last ").append(kept - skip).append(" kept]\n");
        }
        text.append(new String(bytes, skip, kept - skip, StandardCharsets.UTF_8));
        if (abandoned) {
            text.append("\n[capture stopped: the stream was still open after the process ended]");
        }
        return text.toString();
    }
}
