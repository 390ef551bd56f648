package org.lyncrunbooks.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellLauncher;
import org.lyncrunbooks.lyncshell.ShellOutput;
import org.lyncrunbooks.lyncshell.ShellTimeoutException;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab farm's Lync Server Management Shell: interprets the scripts the product sends (see {@link ScriptReader})
 * and implements the backup and restore cmdlets against the farm's state. Errors look like PowerShell's (the
 * cmdlet name, the message, exit code 1); every script lands in the transcript. Safe to call from many threads.
 */
public class LabShell implements ShellLauncher {

    private static final Logger log = LoggerFactory.getLogger(LabShell.class);

    private final LabFarm farm;
    private final CmdletFaults faults;
    private final Map<String, CmdletSpec> cmdlets = new TreeMap<>();

    public LabShell(LabFarm farm) {
        this.farm = farm;
        this.faults = new CmdletFaults(farm.directory(), farm.state());
        CmdletSupport support = new CmdletSupport(farm);
        List<CmdletSpec> specs = new ArrayList<>();
        specs.addAll(new BackupCmdlets(support).specs());
        specs.addAll(new RestoreCmdlets(support).specs());
        specs.addAll(new DeploymentCmdlets(support).specs());
        specs.addAll(new FailoverCmdlets(support).specs());
        specs.addAll(new TopologyCmdlets(support).specs());
        specs.addAll(new MirrorCmdlets(support).specs());
        for (CmdletSpec spec : specs) {
            cmdlets.put(spec.name().toLowerCase(Locale.ROOT), spec);
        }
    }

    @Override
    public ShellOutput run(String script, Duration timeout) {
        farm.topology();
        Transcript transcript = farm.transcript();
        ScriptReader.Script parsed;
        try {
            parsed = ScriptReader.read(script);
        } catch (ScriptReader.Refused refused) {
            transcript.refused(script, refused.getMessage());
            log.warn("Lab shell refused a script: {}", refused.getMessage());
            return new ShellOutput(1, "", refused.render());
        }
        Cmdlet cmdlet = parsed.cmdlet();
        CmdletSpec spec = cmdlets.get(cmdlet.name().toLowerCase(Locale.ROOT));
        if (spec == null) {
            transcript.ran(parsed.cmdletLine(), 1);
            return new ShellOutput(1, "", unknown(cmdlet.name(), parsed));
        }
        CmdletSpec.Args args;
        try {
            args = spec.bind(cmdlet);
        } catch (CmdletFailure failure) {
            transcript.ran(parsed.cmdletLine(), 1);
            return new ShellOutput(1, "", error(spec.name(), failure.category().name(), "ParameterBindingException",
                    failure.getMessage(), parsed));
        }
        Optional<String> refusal = farm.shared(() -> farm.shellAccount().refusal(spec.name(), args));
        if (refusal.isPresent()) {
            transcript.ran(parsed.cmdletLine(), 1);
            return new ShellOutput(1, "", error(spec.name(), "PermissionDenied", "UnauthorizedAccessException",
                    refusal.get(), parsed));
        }
        Optional<CmdletFaults.Fault> fault = faults.of(spec.name());
        if (fault.isPresent()) {
            return faulty(spec.name(), parsed, fault.get(), timeout, transcript);
        }
        delay(spec.name(), parsed.cmdletLine(), timeout, transcript);
        try {
            String stdout = farm.shared(() -> spec.handler().run(args));
            transcript.ran(parsed.cmdletLine(), 0);
            log.debug("Lab cmdlet ran: {}", parsed.cmdletLine());
            return new ShellOutput(0, stdout.endsWith("\n") ? stdout : stdout + "\n", "");
        } catch (CmdletFailure failure) {
            transcript.ran(parsed.cmdletLine(), 1);
            return new ShellOutput(1, "", error(spec.name(), failure.category().name(), "InvalidOperationException",
                    failure.getMessage(), parsed));
        } catch (SqlServerException e) {
            transcript.ran(parsed.cmdletLine(), 1);
            return new ShellOutput(1, "", error(spec.name(), "ConnectionError", "SqlException", e.getMessage(), parsed));
        } catch (RuntimeException e) {
            log.warn("Lab cmdlet {} failed unexpectedly", spec.name(), e);
            transcript.ran(parsed.cmdletLine(), 1);
            return new ShellOutput(1, "", error(spec.name(), "NotSpecified", e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage()), parsed));
        }
    }

    /**
     * A cmdlet a lab user made faulty ({@code POST /api/lab/cmdlets/{name}/fault}): it hangs until the caller's
     * timeout, or fails with exit code 1 and the given message on standard error, like a cmdlet of a broken farm.
     */
    private ShellOutput faulty(String name, ScriptReader.Script parsed, CmdletFaults.Fault fault, Duration timeout,
                               Transcript transcript) {
        if (fault.mode() == CmdletFaults.Mode.FAIL) {
            transcript.ran(parsed.cmdletLine(), 1);
            String message = fault.message() == null || fault.message().isBlank()
                    ? "The operation failed (a fault put on " + name + " in the lab)" : fault.message();
            return new ShellOutput(1, "", error(name, "OperationStopped", "InvalidOperationException", message, parsed));
        }
        try {
            if (timeout == null) {
                new java.util.concurrent.CountDownLatch(1).await();
            } else {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, timeout.toNanos()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transcript.timedOut(parsed.cmdletLine(), "interrupted while hanging (lab fault)");
            throw new ShellTimeoutException(timeout, "", name + " was abandoned: the thread waiting for it was interrupted");
        }
        transcript.timedOut(parsed.cmdletLine(), "hung (lab fault), no result within " + timeout);
        throw new ShellTimeoutException(timeout, "", name + " hung and gave no result within " + timeout
                + " (a fault put on it in the lab); the lab shell stopped waiting and ran nothing");
    }

    /** A lab farm can be slow: every cmdlet takes {@code lync.lab.cmdlet-delay}, within the caller's timeout. */
    private void delay(String name, String cmdletLine, Duration timeout, Transcript transcript) {
        Duration delay = farm.properties().cmdletDelay();
        if (delay.isZero()) {
            return;
        }
        boolean exceeds = timeout != null && delay.compareTo(timeout) > 0;
        Duration wait = exceeds ? (timeout.isNegative() ? Duration.ZERO : timeout) : delay;
        try {
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transcript.timedOut(cmdletLine, "interrupted");
            throw new ShellTimeoutException(timeout, "", name + " was abandoned: the thread waiting for it was interrupted");
        }
        if (exceeds) {
            transcript.timedOut(cmdletLine, "no result within " + timeout);
            throw new ShellTimeoutException(timeout, "", name + " did not finish within " + timeout
                    + " (the lab farm's cmdlets take " + delay + ", lync.lab.cmdlet-delay); the lab shell stopped waiting and ran nothing");
        }
    }

    private static String unknown(String name, ScriptReader.Script script) {
        return name + " : The term '" + name + "' is not recognized as the name of a cmdlet, function, script file, "
                + "or operable program. Check the spelling of the name, or if a path was included, verify that the path "
                + "is correct and try again.\n" + position(script)
                + "    + CategoryInfo          : ObjectNotFound: (" + name + ":String) [], CommandNotFoundException\n"
                + "    + FullyQualifiedErrorId : CommandNotFoundException\n";
    }

    private static String error(String name, String category, String exception, String message, ScriptReader.Script script) {
        String noun = name.substring(name.indexOf('-') + 1);
        return name + " : " + message + "\n" + position(script)
                + "    + CategoryInfo          : " + category + ": (:) [" + name + "], " + exception + "\n"
                + "    + FullyQualifiedErrorId : " + exception + ",Microsoft.Rtc.Management.Lab." + noun + "Cmdlet\n";
    }

    private static String position(ScriptReader.Script script) {
        return "At line:" + (script.preamble().size() + 2) + " char:1\n+ " + script.cmdletLine() + "\n";
    }
}
