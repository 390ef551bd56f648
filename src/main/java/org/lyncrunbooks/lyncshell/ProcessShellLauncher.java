package org.lyncrunbooks.lyncshell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link ShellLauncher}: starts the configured argument list ({@code lync.shell.launcher}) as a
 * process and feeds it the script on standard input.
 *
 * <p>The arguments go to {@link ProcessBuilder} as a list, so no shell ever re-parses them, and the script
 * travels on stdin, so no value of a cmdlet ever appears on a command line. The environment is inherited
 * unchanged. When the launcher is {@code ssh}, killing it on timeout ends the connection; whether the remote
 * PowerShell stops too is up to the SSH server.
 */
public class ProcessShellLauncher implements ShellLauncher {

    private static final Logger log = LoggerFactory.getLogger(ProcessShellLauncher.class);

    /** Bytes kept of each output stream; a runaway cmdlet must not fill the heap or the incident message. */
    static final int CAPTURE_LIMIT = 64 * 1024;

    /** How long to wait for the output pipes to close once the process has ended. */
    private static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(5);

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final List<String> command;
    private final Duration drainGrace;
    private final ProcessWait wait;

    /** How the launcher waits for the process within the timeout; tests replace it to decide when time is up. */
    @FunctionalInterface
    interface ProcessWait {
        /** Whether {@code process} ended within {@code timeout}. */
        boolean waitFor(Process process, Duration timeout) throws InterruptedException;
    }

    public ProcessShellLauncher(List<String> command) {
        this(command, DEFAULT_DRAIN_GRACE);
    }

    ProcessShellLauncher(List<String> command, Duration drainGrace) {
        this(command, drainGrace, (process, timeout) -> process.waitFor(nanos(timeout), TimeUnit.NANOSECONDS));
    }

    ProcessShellLauncher(List<String> command, Duration drainGrace, ProcessWait wait) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("the launcher needs at least the program to start");
        }
        this.command = List.copyOf(command);
        this.drainGrace = drainGrace;
        this.wait = wait;
    }

    @Override
    public ShellOutput run(String script, Duration timeout) {
        Process process = start();
        long pid = process.pid();
        log.debug("Started {} (pid {})", program(), pid);
        OutputCapture stdout = OutputCapture.start(process.getInputStream(), "lyncshell-stdout-" + pid,
                CAPTURE_LIMIT);
        OutputCapture stderr = OutputCapture.start(process.getErrorStream(), "lyncshell-stderr-" + pid,
                CAPTURE_LIMIT);
        feed(process, script);
        try {
            if (!wait.waitFor(process, timeout)) {
                int killed = kill(process);
                log.warn("{} (pid {}) did not finish within {}; killed it and {} descendant process(es)",
                        program(), pid, timeout, killed);
                drain(stdout, stderr);
                throw new ShellTimeoutException(timeout, stdout.text(), stderr.text());
            }
            drain(stdout, stderr);
            return new ShellOutput(process.exitValue(), stdout.text(), stderr.text());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + program() + " (pid " + pid
                    + ") was running; the process was killed", e);
        }
    }

    private Process start() {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            // ProcessBuilder wraps the OS error ("error=2, No such file or directory") in its own sentence.
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ShellLaunchException("cannot start '" + program() + "': " + reason
                    + " (check lync.shell.launcher)", e);
        }
    }

    private void feed(Process process, String script) {
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        // Written on a thread of its own: a process that does not read its input would otherwise block this
        // write once the pipe buffer is full, and the timeout could never fire.
        Thread writer = new Thread(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(bytes);
            } catch (IOException e) {
                // The process ended or closed its input early; its exit code and stderr tell why.
                log.debug("Could not write the whole script to pid {}: {}", process.pid(), e.getMessage());
            }
        }, "lyncshell-stdin-" + process.pid());
        writer.setDaemon(true);
        writer.start();
    }

    /** Kills the process and every descendant it started; returns the number of descendants. */
    private int kill(Process process) {
        // Collected before the parent dies: afterwards its children are re-parented and no longer found.
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return descendants.size();
    }

    private void drain(OutputCapture stdout, OutputCapture stderr) throws InterruptedException {
        long deadline = System.nanoTime() + drainGrace.toNanos();
        boolean ended = stdout.awaitEnd(deadline) & stderr.awaitEnd(deadline);
        if (!ended) {
            log.warn("Output of {} was still open after the process ended (a background process holds it);"
                    + " using what was captured", program());
        }
    }

    private String program() {
        return command.get(0);
    }

    private static long nanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
