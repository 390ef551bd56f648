package org.lyncrunbooks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lyncrunbooks.backupset.AtomicFiles;

/**
 * The work folder of one test class: its lab farm in {@code lab/}, its backup share in {@code backups/}, and
 * whatever else the test writes; created on first use, removed when the JVM exits. The same folder for the same
 * class however often it is asked for, so that static fields and the Spring context agree on it.
 */
public final class LabWork {

    private static final Map<Class<?>, Path> FOLDERS = new ConcurrentHashMap<>();

    private LabWork() {
    }

    /** The work folder of {@code testClass}. */
    public static Path folder(Class<?> testClass) {
        return FOLDERS.computeIfAbsent(testClass, c -> {
            try {
                Path dir = Files.createTempDirectory(name(c));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> AtomicFiles.deleteTree(dir)));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The test class's name in kebab case ({@code BackupCycleIT} → {@code backup-cycle-it}): folder and database. */
    public static String name(Class<?> testClass) {
        return testClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }
}
