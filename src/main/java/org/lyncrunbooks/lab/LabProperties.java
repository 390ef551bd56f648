package org.lyncrunbooks.lab;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Configuration of the lab farm ({@code lync.lab.*}): where it lives, the seed its content is generated from,
 * how big it is, and how slow its cmdlets are.
 *
 * @param directory     the farm's folder; generated there once when it holds no {@code topology.yaml}
 *                      (default {@code ./data/lab})
 * @param seed          the seed of every generated row and file; 0 means the default 2013
 * @param usersPerPool  users homed on each registrar pool; the archiving, monitoring and chat rows scale with it
 *                      (default 150)
 * @param filesPerStore files in the first file store, half of it in the second (default 300)
 * @param cmdletDelay   how long every cmdlet takes before it runs, like a slow farm (default none)
 * @param shape         which farm is generated ({@code default}, {@code se-cms}, {@code multi-role}, {@code paired-pools}; see
 *                      {@link FarmShape}); a farm already generated keeps its shape until its folder is removed
 */
@ConfigurationProperties("lync.lab")
public record LabProperties(Path directory, long seed, int usersPerPool, int filesPerStore, Duration cmdletDelay,
                            FarmShape shape) {

    static final long DEFAULT_SEED = 2013;

    @ConstructorBinding
    public LabProperties {
        if (directory == null) {
            directory = Path.of("./data/lab");
        }
        if (seed == 0) {
            seed = DEFAULT_SEED;
        }
        if (usersPerPool < 0 || filesPerStore < 0) {
            throw new IllegalArgumentException("lync.lab.users-per-pool and lync.lab.files-per-store must not be negative");
        }
        if (usersPerPool == 0) {
            usersPerPool = 150;
        }
        if (filesPerStore == 0) {
            filesPerStore = 300;
        }
        if (cmdletDelay == null) {
            cmdletDelay = Duration.ZERO;
        }
        if (cmdletDelay.isNegative()) {
            throw new IllegalArgumentException("lync.lab.cmdlet-delay must not be negative: " + cmdletDelay);
        }
        if (shape == null) {
            shape = FarmShape.DEFAULT;
        }
    }

    /** A farm of the default shape. */
    public LabProperties(Path directory, long seed, int usersPerPool, int filesPerStore, Duration cmdletDelay) {
        this(directory, seed, usersPerPool, filesPerStore, cmdletDelay, FarmShape.DEFAULT);
    }

    /** The defaults: {@code ./data/lab}, seed 2013, 150 users per pool, 300 files per store, no delay, default shape. */
    public static LabProperties defaults() {
        return new LabProperties(null, 0, 0, 0, null, null);
    }
}
