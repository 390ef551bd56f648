package org.lyncrunbooks.backup;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param filestore how file store items treat files unchanged since the newest verified set
 * @param verify    how often a run's verification re-hashes every file
 */
@Validated
@ConfigurationProperties("lync.backup")
public record BackupProperties(
        @NotNull Path root,
        String rootUnc,
        @NotBlank String schedule,
        @NotNull @Valid Retention retention,
        @NotNull @Valid Item item,
        @NotNull @Valid Worker worker,
        @NotNull @Valid FileStore filestore,
        @NotNull @Valid Verify verify) {

    @ConstructorBinding
    public BackupProperties {
    }

    /** The same with the defaults of {@code application.yaml} for file store reuse (on) and the full pass (every 7 runs). */
    public BackupProperties(Path root, String rootUnc, String schedule, Retention retention, Item item, Worker worker) {
        this(root, rootUnc, schedule, retention, item, worker, new FileStore(true), new Verify(7));
    }

    /**
     * @param keepSets            published sets to keep
     * @param maxAge              published sets older than this are removed (never the one CURRENT names)
     * @param partialGrace        a {@code .partial} folder of a run that no longer exists is removed after this long
     * @param engineMetricsMaxAge the engine's metrics (its meter log, which it writes every 15 minutes and never
     *                            removes itself) older than this are removed by the same nightly step
     */
    public record Retention(@Min(1) int keepSets, @NotNull Duration maxAge, @NotNull Duration partialGrace,
                            @NotNull Duration engineMetricsMaxAge) {

        @ConstructorBinding
        public Retention {
        }

        /** The same, keeping the engine's metrics for the default 400 days. */
        public Retention(int keepSets, Duration maxAge, Duration partialGrace) {
            this(keepSets, maxAge, partialGrace, Duration.ofDays(400));
        }
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

    /**
     * @param reuse hard-link every file whose size and modification time are unchanged since the newest verified set
     *              from that set instead of copying it (each set stays a complete tree); off, every run copies every file
     */
    public record FileStore(boolean reuse) {
    }

    /**
     * @param fullEvery every this many runs the verification re-hashes every file, including those hard-linked from an
     *                  earlier set (which the other runs check by identity); 1 re-hashes everything every run
     */
    public record Verify(@Min(1) int fullEvery) {
    }

    /** The root as SQL Server and the Management Shell see it. */
    public String serverRoot() {
        return rootUnc == null || rootUnc.isBlank() ? root.toAbsolutePath().normalize().toString() : rootUnc;
    }
}
