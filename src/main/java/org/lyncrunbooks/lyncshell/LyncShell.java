package org.lyncrunbooks.lyncshell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Lync Server Management Shell cmdlets for the runbooks: one cmdlet per script, with its own timeout, and
 * a failure reported as the cmdlet's own message.
 *
 * <p>The script is a contract with the lab shell, which interprets exactly this text:
 * <pre>
 * $ErrorActionPreference = 'Stop'
 * &lt;each preamble line&gt;
 * &lt;cmdlet.render()&gt;
 * </pre>
 * with lines joined by {@code \n} and a trailing {@code \n}. {@code 'Stop'} turns every error of the cmdlet
 * into a terminating one, so the shell exits non-zero instead of carrying on after a failed step. No
 * credential is ever part of the script: the launcher runs as an account that already has the rights.
 */
public class LyncShell {

    /** The first line of every script. */
    public static final String ERROR_ACTION_LINE = "$ErrorActionPreference = 'Stop'";

    private static final Logger log = LoggerFactory.getLogger(LyncShell.class);

    private final ShellLauncher launcher;
    private final ShellProperties properties;

    public LyncShell(ShellLauncher launcher, ShellProperties properties) {
        this.launcher = launcher;
        this.properties = properties;
    }

    /** The script that runs {@code cmdlet} after {@code preamble}, in the format above. */
    public static String script(List<String> preamble, Cmdlet cmdlet) {
        List<String> lines = new ArrayList<>();
        lines.add(ERROR_ACTION_LINE);
        lines.addAll(checkPreamble(preamble));
        lines.add(cmdlet.render());
        return String.join("\n", lines) + "\n";
    }

    /**
     * Runs {@code cmdlet} and returns its output.
     *
     * @throws CmdletTimeoutException when it ran longer than its timeout ({@code lync.shell.timeouts.<name>},
     *                                else {@code lync.shell.timeout}); the process was killed
     * @throws CmdletFailedException  when it exited non-zero, wrote to standard error, or could not be started
     */
    public ShellOutput run(Cmdlet cmdlet) {
        String name = cmdlet.name();
        String script = script(properties.preamble(), cmdlet);
        Duration timeout = properties.timeoutFor(name);
        log.debug("Running {} (timeout {})", cmdlet.render(), timeout);
        long started = System.nanoTime();
        ShellOutput output;
        try {
            output = launcher.run(script, timeout);
        } catch (ShellTimeoutException e) {
            log.info("{} killed after {}", name, elapsedSince(started));
            throw new CmdletTimeoutException(name, timeout, name + " did not finish within " + timeout
                    + "; the process was killed. Output so far: " + orNone(FailureText.detail(e.stderr(),
                    e.stdout())), e);
        } catch (ShellLaunchException e) {
            throw new CmdletFailedException(name, CmdletFailedException.NO_EXIT_CODE,
                    name + " was not run: " + e.getMessage(), e);
        }
        log.info("{} finished in {} with exit code {}", name, elapsedSince(started), output.exitCode());
        if (output.succeeded()) {
            return output;
        }
        String detail = FailureText.detail(output.stderr(), output.stdout());
        String right = CmdletRights.missingRight(name, detail).map(r -> "\n" + r).orElse("");
        throw new CmdletFailedException(name, output.exitCode(), name + " failed (exit " + output.exitCode()
                + "): " + orNone(detail) + right);
    }

    /** Refuses preamble lines that could end or split a statement; returns {@code preamble}. */
    static List<String> checkPreamble(List<String> preamble) {
        for (int i = 0; i < preamble.size(); i++) {
            String line = preamble.get(i);
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("lync.shell.preamble[" + i + "] is empty");
            }
            for (int j = 0; j < line.length(); j++) {
                char c = line.charAt(j);
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    throw new IllegalArgumentException("lync.shell.preamble[" + i + "] contains a control"
                            + " character (U+" + String.format("%04X", (int) c) + ") at position " + j
                            + "; each entry must be one plain line");
                }
            }
        }
        return preamble;
    }

    private static String orNone(String detail) {
        return detail.isEmpty() ? "(no output)" : detail;
    }

    private static Duration elapsedSince(long startedNanos) {
        return Duration.ofMillis((System.nanoTime() - startedNanos) / 1_000_000);
    }
}
