package org.lyncrunbooks.recovery;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.CmdletFailedException;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellOutput;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A recovery replaces a server: Microsoft's procedures start on a new or clean computer, and they are for a server
 * that troubleshooting could not bring back. A server whose service manager still answers
 * {@code Get-CsWindowsService -ComputerName <fqdn>} is not lost, so its recovery starts only with a reason to
 * rebuild it anyway ({@code rebuildAnywayReason}), which the report records. A server that does not answer (the
 * cmdlet fails or times out) passes: that is the server a recovery is for.
 */
@Component
@Order(20)
class ServerStillAnswers implements StartCheck {

    static final String CMDLET = "Get-CsWindowsService";
    private static final Logger log = LoggerFactory.getLogger(ServerStillAnswers.class);
    private static final int LISTED_LINES = 8;

    private final LyncShell shell;

    ServerStillAnswers(LyncShell shell) {
        this.shell = shell;
    }

    @Override
    public void check(RecoveryPlan plan, RecoveryInputs.StartRequest request) {
        String fqdn = plan.failedServerFqdn();
        ShellOutput answer = answer(fqdn);
        if (answer == null) {
            return;
        }
        if (request.rebuildAnywayReason() != null) {
            log.info("{} still answers {}; it is recovered anyway: {}", fqdn, CMDLET, request.rebuildAnywayReason());
            return;
        }
        throw new RecoveryRefusedException(Status.CONFLICT, fqdn + " still answers: " + CMDLET + " -ComputerName "
                + fqdn + " reached it (" + services(answer.stdout()) + "). A recovery replaces the server with a "
                + "new installation, so try troubleshooting first. To recover it anyway, say why in 'Reason to "
                + "recover a server that still answers' (rebuildAnywayReason).");
    }

    /** Whether the server's service manager answers {@code Get-CsWindowsService -ComputerName <fqdn>}: it is not lost. */
    boolean answers(String fqdn) {
        return answer(fqdn) != null;
    }

    /** The server's answer, or null when it does not answer (the cmdlet fails or times out). */
    private ShellOutput answer(String fqdn) {
        try {
            return shell.run(Cmdlet.of(CMDLET).with("ComputerName", fqdn));
        } catch (CmdletFailedException e) {
            log.info("{} does not answer {} (a timeout counts as no answer): {}", fqdn, CMDLET,
                    RecoveryVariables.text(e.getMessage()).replaceAll("\\s*\\R\\s*", " / "));
            return null;
        }
    }

    private static String services(String stdout) {
        String listed = Arrays.stream(stdout.split("\\R")).map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("Status") && !l.startsWith("------")).limit(LISTED_LINES)
                .map(l -> l.replaceAll("\\s+", " ")).collect(Collectors.joining(", "));
        return listed.isEmpty() ? "no Lync Server services are installed on it" : "its services: " + listed;
    }
}
