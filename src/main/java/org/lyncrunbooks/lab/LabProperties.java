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
 * @param shape         which farm is generated ({@code default}, {@code se-cms}, {@code multi-role}, {@code paired-pools}, {@code mirrored-back-end}; see
 *                      {@link FarmShape}); a farm already generated keeps its shape until its folder is removed
 * @param size          {@code default} (the farm {@code shape} gives) or {@code large} (a farm of the
 *                      size {@code large} gives, for load tests); a farm already generated keeps its size until its
 *                      folder is removed
 * @param large         the large farm's size (defaults: 10 pools, 20 SQL servers, 300 databases, 40 file stores)
 */
@ConfigurationProperties("lync.lab")
public record LabProperties(Path directory, long seed, int usersPerPool, int filesPerStore, Duration cmdletDelay,
                            FarmShape shape, FarmSize size, LargeFarmSize large) {

    static final long DEFAULT_SEED = 2013;

    /** How big a farm the lab generates. */
    public enum FarmSize { DEFAULT, LARGE }

    /**
     * The large farm: {@code pools} pools (Enterprise Edition pools with a Back End each, one of them the Central
     * Management store's, plus a Standard Edition server, an Edge pool and a Persistent Chat pool), {@code sqlServers}
     * SQL Server machines holding the Back Ends, the Persistent Chat store and as many Archiving/Monitoring instances
     * as it takes to reach {@code databases} databases, and {@code fileStores} file stores.
     */
    public record LargeFarmSize(int pools, int sqlServers, int databases, int fileStores) {

        public LargeFarmSize {
            pools = pools == 0 ? 10 : pools;
            sqlServers = sqlServers == 0 ? 20 : sqlServers;
            databases = databases == 0 ? 300 : databases;
            fileStores = fileStores == 0 ? 40 : fileStores;
            if (pools < 4) {
                throw new IllegalArgumentException("lync.lab.large.pools must be at least 4 (an Enterprise pool, a "
                        + "Standard Edition server, an Edge pool and a Persistent Chat pool), got " + pools);
            }
            if (sqlServers < pools - 3 + 2) {
                throw new IllegalArgumentException("lync.lab.large.sql-servers must be at least " + (pools - 3 + 2)
                        + " (a Back End per Enterprise pool, the Persistent Chat store and one for Archiving/Monitoring), got "
                        + sqlServers);
            }
            if (fileStores < 1 || databases < 1) {
                throw new IllegalArgumentException("lync.lab.large.databases and file-stores must be positive");
            }
        }

        /** The defaults: 10 pools, 20 SQL servers, 300 databases, 40 file stores. */
        public static LargeFarmSize defaults() {
            return new LargeFarmSize(0, 0, 0, 0);
        }
    }

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
        if (size == null) {
            size = FarmSize.DEFAULT;
        }
        if (large == null) {
            large = LargeFarmSize.defaults();
        }
        if (size == FarmSize.LARGE && shape != FarmShape.DEFAULT) {
            throw new IllegalArgumentException("lync.lab.size large generates a farm of its own; lync.lab.shape must "
                    + "be default with it, got " + shape.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }

    /** A farm of this shape, of the default size. */
    public LabProperties(Path directory, long seed, int usersPerPool, int filesPerStore, Duration cmdletDelay,
                         FarmShape shape) {
        this(directory, seed, usersPerPool, filesPerStore, cmdletDelay, shape, FarmSize.DEFAULT, LargeFarmSize.defaults());
    }

    /** A farm of this size, of the default shape. */
    public LabProperties(Path directory, long seed, int usersPerPool, int filesPerStore, Duration cmdletDelay,
                         FarmSize size, LargeFarmSize large) {
        this(directory, seed, usersPerPool, filesPerStore, cmdletDelay, FarmShape.DEFAULT, size, large);
    }

    /** A farm of the default shape. */
    public LabProperties(Path directory, long seed, int usersPerPool, int filesPerStore, Duration cmdletDelay) {
        this(directory, seed, usersPerPool, filesPerStore, cmdletDelay, FarmShape.DEFAULT, FarmSize.DEFAULT,
                LargeFarmSize.defaults());
    }

    /** The defaults: {@code ./data/lab}, seed 2013, 150 users per pool, 300 files per store, no delay, default shape. */
    public static LabProperties defaults() {
        return new LabProperties(null, 0, 0, 0, null, null, null, null);
    }
}
