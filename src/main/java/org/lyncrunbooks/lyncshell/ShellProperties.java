package org.lyncrunbooks.lyncshell;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How Lync Server Management Shell cmdlets are run ({@code lync.shell.*}). The parameter descriptions below
 * become IDE help, hence plain text.
 *
 * @param launcher Argument list of a program that reads a PowerShell script from standard input, e.g.
 *                 [powershell.exe, -NoProfile, -NonInteractive, -Command, -], or the same behind
 *                 [ssh, -o, BatchMode=yes, lyncadmin@fe01.contoso.local, ...]. Empty means not configured: the
 *                 lab profile then provides the lab shell. Never put credentials here; arguments are visible
 *                 in the process list.
 * @param timeout  How long one cmdlet may run before its process is killed. Default 30 minutes.
 * @param timeouts Per-cmdlet overrides of the timeout, keyed by cmdlet name (Export-CsUserData: PT2H); names
 *                 match regardless of case.
 * @param preamble Script lines run before each cmdlet, after $ErrorActionPreference = 'Stop'; each one plain
 *                 line. Default [Import-Module Lync].
 */
@ConfigurationProperties("lync.shell")
@Validated
public record ShellProperties(List<@NotBlank String> launcher, Duration timeout, Map<String, Duration> timeouts,
                              List<String> preamble) {

    /** The per-cmdlet timeout when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    /** The preamble when none is configured: loads the Lync Server Management Shell module. */
    public static final List<String> DEFAULT_PREAMBLE = List.of("Import-Module Lync");

    public ShellProperties {
        launcher = launcher == null ? List.of() : List.copyOf(launcher);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        requirePositive("lync.shell.timeout", timeout);
        timeouts = timeouts == null ? Map.of() : checkTimeouts(timeouts);
        preamble = preamble == null ? DEFAULT_PREAMBLE : List.copyOf(LyncShell.checkPreamble(preamble));
    }

    /** Whether a launcher is configured; without one the lab shell (profile {@code lab}) must provide one. */
    public boolean launcherConfigured() {
        return !launcher.isEmpty();
    }

    /** The timeout for {@code cmdletName}: its override from {@code timeouts}, else {@code timeout}. */
    public Duration timeoutFor(String cmdletName) {
        // PowerShell resolves cmdlet names case-insensitively, so an override typed as
        // "export-csuserdata" is still meant for Export-CsUserData.
        String wanted = cmdletName.toLowerCase(Locale.ROOT);
        return timeouts.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(timeout);
    }

    private static Map<String, Duration> checkTimeouts(Map<String, Duration> timeouts) {
        Map<String, String> seen = new HashMap<>();
        timeouts.forEach((name, value) -> {
            requirePositive("lync.shell.timeouts." + name, value);
            String other = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                throw new IllegalArgumentException("lync.shell.timeouts names " + other + " and " + name
                        + "; cmdlet names ignore case, so keep only one of them");
            }
        });
        return Map.copyOf(timeouts);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, but is " + value);
        }
    }
}
