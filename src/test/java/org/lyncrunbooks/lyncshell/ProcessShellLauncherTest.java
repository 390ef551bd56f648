package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes from /bin/sh in place of PowerShell. */
class ProcessShellLauncherTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private static final String SCRIPT = LyncShell.script(List.of("Import-Module Lync"),
            Cmdlet.of("Export-CsConfiguration").with("FileName", "\\\\backupsrv\\lync\\Zürich 日本 'x' ‘y’.zip"));

    @TempDir
    Path dir;

    /** A launcher running {@code sh -c body}; further arguments become $1, $2, … of the body, never code. */
    private static ProcessShellLauncher sh(String body, String... arguments) {
        return new ProcessShellLauncher(command(body, arguments));
    }

    private static List<String> command(String body, String... arguments) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", body, "sh"));
        command.addAll(Arrays.asList(arguments));
        return command;
    }

    @Test
    void deliversTheScriptOnStandardInputByteForByte() throws IOException {
        Path received = dir.resolve("received.ps1");

        ShellOutput output = sh("cat > \"$1\"", received.toString()).run(SCRIPT, GENEROUS);

        assertThat(output.exitCode()).isZero();
        assertThat(Files.readAllBytes(received)).isEqualTo(SCRIPT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void echoesTheScriptBackThroughStandardOutput() {
        ShellOutput output = new ProcessShellLauncher(List.of("sh", "-c", "cat")).run(SCRIPT, GENEROUS);

        assertThat(output).isEqualTo(new ShellOutput(0, SCRIPT, ""));
        assertThat(output.succeeded()).isTrue();
    }

    @Test
    void capturesExitCodeAndBothStreams() {
        ShellOutput output = new ProcessShellLauncher(
                List.of("sh", "-c", "cat >/dev/null; echo out; echo err >&2; exit 3")).run(SCRIPT, GENEROUS);

        assertThat(output.exitCode()).isEqualTo(3);
        assertThat(output.stdout()).isEqualTo("out\n");
        assertThat(output.stderr()).isEqualTo("err\n");
        assertThat(output.succeeded()).isFalse();
    }

    @Test
    void readsBothStreamsAtOnceAndKeepsTheLastPartOfLargeOutput() {
        int stdoutLines = 200_000;
        int stderrLines = 100_000;
        String expectedStdout = numbers(stdoutLines);
        String expectedStderr = numbers(stderrLines);

        // stderr is filled first: a launcher reading stdout to the end before stderr would hang here.
        ShellOutput output = sh("cat >/dev/null; seq 1 \"$2\" >&2; seq 1 \"$1\"",
                String.valueOf(stdoutLines), String.valueOf(stderrLines)).run(SCRIPT, GENEROUS);

        assertThat(output.exitCode()).isZero();
        assertTruncatedTail(output.stdout(), expectedStdout);
        assertTruncatedTail(output.stderr(), expectedStderr);
    }

    private static void assertTruncatedTail(String captured, String full) {
        int limit = ProcessShellLauncher.CAPTURE_LIMIT;
        String note = "[output truncated: " + (full.length() - limit) + " earlier bytes dropped, the last "
                + limit + " kept]\n";
        assertThat(captured).startsWith(note);
        assertThat(captured.substring(note.length())).isEqualTo(full.substring(full.length() - limit));
    }

    private static String numbers(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> i + "\n").collect(Collectors.joining());
    }

    @Test
    void finishesWhenTheProgramIgnoresALargeScript() {
        String hugeScript = "Write-Output '" + "x".repeat(1_000_000) + "'\n";

        ShellOutput output = new ProcessShellLauncher(List.of("sh", "-c", "echo ignored; exit 0"))
                .run(hugeScript, GENEROUS);

        assertThat(output).isEqualTo(new ShellOutput(0, "ignored\n", ""));
    }

    @Test
    void killsTheProcessAndItsChildrenOnTimeout() {
        ProcessShellLauncher launcher = sh("cat >/dev/null; echo $$; sleep 600 & echo $!; echo started >&2; wait");
        Duration timeout = Duration.ofSeconds(2);
        long started = System.nanoTime();

        ShellTimeoutException e = catchThrowableOfType(() -> launcher.run(SCRIPT, timeout),
                ShellTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(e.timeout()).isEqualTo(timeout);
        assertThat(e.stderr()).isEqualTo("started\n");
        List<Long> pids = e.stdout().lines().map(Long::parseLong).toList();
        assertThat(pids).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    @Test
    void killsTheProcessWhenTheWaitingThreadIsInterrupted() throws InterruptedException {
        ProcessShellLauncher launcher = sh("cat >/dev/null; sleep 600");
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                launcher.run(SCRIPT, GENEROUS);
            } catch (RuntimeException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });

        worker.start();
        worker.interrupt();
        worker.join(Duration.ofSeconds(20).toMillis());

        assertThat(worker.isAlive()).isFalse();
        assertThat(stillInterrupted).isTrue();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("interrupted");
        Matcher pid = Pattern.compile("pid (\\d+)").matcher(failure.get().getMessage());
        assertThat(pid.find()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false) == false);
    }

    @Test
    void returnsPromptlyWhenABackgroundProcessKeepsTheOutputOpen() {
        // The orphaned sleep inherits stdout and stderr, so they do not reach end-of-file when sh exits.
        ProcessShellLauncher launcher = new ProcessShellLauncher(
                command("cat >/dev/null; sleep 600 & echo $!; echo done"), Duration.ofMillis(300));
        long started = System.nanoTime();

        ShellOutput output = launcher.run(SCRIPT, GENEROUS);

        long orphan = Long.parseLong(output.stdout().lines().findFirst().orElseThrow());
        ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(output.exitCode()).isZero();
        assertThat(output.stdout()).contains("done\n");
    }

    @Test
    void namesTheProgramAndTheOsErrorWhenItCannotStart() {
        ProcessShellLauncher launcher = new ProcessShellLauncher(
                List.of("no-such-powershell-lyncshell-test", "-Command", "-"));

        assertThatThrownBy(() -> launcher.run(SCRIPT, GENEROUS))
                .isInstanceOf(ShellLaunchException.class)
                .hasMessageContaining("'no-such-powershell-lyncshell-test'")
                .hasMessageContaining("error=2")
                .hasMessageContaining("lync.shell.launcher");
    }

    @Test
    void passesTheEnvironmentOnWithoutAddingToIt() {
        ShellOutput output = new ProcessShellLauncher(List.of("sh", "-c", "cat >/dev/null; env"))
                .run(SCRIPT, GENEROUS);

        Set<String> names = output.stdout().lines().filter(line -> line.contains("="))
                .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toSet());
        // sh itself sets PWD (and some shells OLDPWD, SHLVL, _); everything else must come from this JVM.
        Set<String> added = names.stream().filter(name -> !System.getenv().containsKey(name))
                .collect(Collectors.toSet());
        assertThat(added).isSubsetOf("PWD", "OLDPWD", "SHLVL", "_");
        assertThat(names).containsAll(System.getenv().keySet().stream()
                .filter(name -> !System.getenv(name).contains("\n")).toList());
    }

    @Test
    void refusesAnEmptyArgumentList() {
        assertThatThrownBy(() -> new ProcessShellLauncher(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
