package org.lyncrunbooks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plain tools the benchmark compares against, run as the administrator would run them, and small file helpers. */
final class Tools {

    private Tools() {
    }

    /** What a command printed and how long it took from start to exit. */
    record Run(long nanos, String output) {
        double seconds() {
            return nanos / 1e9;
        }
    }

    /** Runs {@code bash -c script} in {@code dir}; fails with the command's output if it exits non-zero. */
    static Run bash(Path dir, String script) {
        return run(dir, Map.of(), List.of("bash", "-c", script));
    }

    static Run run(Path dir, Map<String, String> env, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        try {
            Path log = Files.createTempFile("bench-tool", ".log");
            try {
                builder.redirectOutput(log.toFile());
                long started = System.nanoTime();
                Process process = builder.start();
                process.getOutputStream().close();
                int exit = process.waitFor();
                long nanos = System.nanoTime() - started;
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (exit != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "): " + output);
                }
                return new Run(nanos, output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** {@code cp -a source target}. */
    static Run cpA(Path source, Path target) {
        return run(null, Map.of(), List.of("cp", "-a", source.toString(), target.toString()));
    }

    /** {@code sha256sum} of every file under {@code dir} into {@code sums} (paths relative, {@code ./}-prefixed). */
    static Run sha256sum(Path dir, Path sums) {
        return bash(dir, "find . -type f -print0 | xargs -0 sha256sum > " + quote(sums.toString()));
    }

    /** {@code sha256sum -c} of a list written by {@link #sha256sum}, in {@code dir}. */
    static Run sha256sumCheck(Path dir, Path sums) {
        return bash(dir, "sha256sum -c --quiet " + quote(sums.toString()));
    }

    /** Fails with {@code why} when the file system of {@code dir} has less than {@code bytes} free. */
    static void requireFreeSpace(Path dir, long bytes, String why) {
        try {
            Files.createDirectories(dir);
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < bytes) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "%s has %.1f GB free, the benchmark needs %.1f GB: %s; use --work on a larger disk or fewer --runs",
                        dir, free / 1e9, bytes / 1e9, why));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + dir, e);
        }
    }

    /**
     * Writes back and drops the page cache (when this process may: root), then reads every file under each of
     * {@code warm} so that it is cached again. Returns whether the cache was dropped.
     */
    static boolean dropCachesAndWarm(Path... warm) {
        sync();
        Path control = Path.of("/proc/sys/vm/drop_caches");
        boolean dropped = false;
        if (Files.isWritable(control)) {
            try {
                Files.writeString(control, "1");
                dropped = true;
            } catch (IOException e) {
                dropped = false;
            }
        }
        byte[] buffer = new byte[1 << 20];
        for (Path file : java.util.Arrays.stream(warm).filter(Files::exists).flatMap(w -> files(w).stream()).toList()) {
            try (var in = Files.newInputStream(file)) {
                while (in.read(buffer) >= 0) {
                    // reading is the point
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return dropped;
    }

    /** Flushes dirty pages so that one measurement does not pay for the previous one's writes. */
    static void sync() {
        run(null, Map.of(), List.of("sync"));
    }

    /** Reads a {@code sha256sum} list into path (without {@code ./}) → digest. */
    static Map<String, String> readSums(Path sums) {
        Map<String, String> digests = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String digest = line.substring(0, 64);
                String path = line.substring(66);
                digests.put(path.startsWith("./") ? path.substring(2) : path, digest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digests;
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        run(null, Map.of(), List.of("rm", "-rf", "--one-file-system", path.toString()));
    }

    static List<Path> files(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    files.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String firstLine(List<String> command) {
        try {
            String out = run(null, Map.of(), command).output().strip();
            int nl = out.indexOf('\n');
            return nl < 0 ? out : out.substring(0, nl);
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
