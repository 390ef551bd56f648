package org.lyncrunbooks.backup;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The backup cycle's configuration ({@code lync.backup}); defaults are in {@code application.yaml}.
 *
 * @param root      the backup share root as this application sees it (a local path or a mount)
 * @param rootUnc   the same root as the Windows servers see it ({@code \\backupsrv\lyncbackup}), used in T-SQL and
 *                  cmdlet paths; empty means the same as {@code root}
 * @param schedule  cron of the timer start event (Camunda cron, 6 or 7 fields)
 * @param retention which sets retention removes
 * @param item      retries of a failed item before an operator is asked
 * @param worker    the in-process worker that runs the items
 */
@Validated
@ConfigurationProperties("lync.backup")
public record BackupProperties(
        @NotNull Path root,
        String rootUnc,
        @NotBlank String schedule,
        @NotNull @Valid Retention retention,
        @NotNull @Valid Item item,
        @NotNull @Valid Worker worker) {

    /**
     * @param keepSets     published sets to keep
     * @param maxAge       published sets older than this are removed (never the one CURRENT names)
     * @param partialGrace a {@code .partial} folder of a run that no longer exists is removed after this long
     */
    public record Retention(@Min(1) int keepSets, @NotNull Duration maxAge, @NotNull Duration partialGrace) {
    }

    /**
     * @param retries    attempts of a failing item before it is reported to an operator
     * @param retryDelay wait between attempts
     */
    public record Item(@Min(1) int retries, @NotNull Duration retryDelay) {
    }

    /**
     * @param enabled      whether this node runs backup items (a node may leave them to others)
     * @param threads      items run at the same time on this node
     * @param lanes        items of one run that may run at the same time, on all nodes together: the run's items are
     *                     dealt out to this many lanes (fewer when the run has fewer items), each lane takes its items
     *                     one after the other. More lanes than the nodes' threads together only cost engine work.
     * @param lockDuration how long an item is locked to this node between lock extensions; a node that dies
     *                     releases its items after this long
     * @param pollInterval how often an idle worker asks the engine for items
     */
    public record Worker(boolean enabled, @Min(1) int threads, @Min(1) int lanes, @NotNull Duration lockDuration,
                         @NotNull Duration pollInterval) {
    }

    /** The root as SQL Server and the Management Shell see it. */
    public String serverRoot() {
        return rootUnc == null || rootUnc.isBlank() ? root.toAbsolutePath().normalize().toString() : rootUnc;
    }
}
