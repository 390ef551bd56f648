package org.lyncrunbooks.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need something outside the JDK (pg_dump, a browser): skipped with a clear message on a machine
 * without it, but failed when {@code LYNC_TEST_NO_SKIPS=true} — which {@code .ci/run} sets, so CI never skips
 * silently.
 */
public final class Prerequisites {

    public static final String NO_SKIPS = "LYNC_TEST_NO_SKIPS";

    private Prerequisites() {
    }

    public static void require(boolean present, String whatIsMissing) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv(NO_SKIPS))) {
            Assertions.fail(whatIsMissing + " — and " + NO_SKIPS + "=true forbids skipping (install it; see .ci/run)");
        }
        Assumptions.abort(whatIsMissing + " — test skipped (set " + NO_SKIPS + "=true to make this a failure)");
    }

    /** Whether an executable is on the PATH. */
    public static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }
}
