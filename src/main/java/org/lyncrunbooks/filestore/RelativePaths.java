package org.lyncrunbooks.filestore;

import java.nio.file.Path;

/**
 * Checks the relative paths a manifest hands us before they are used, because a tampered manifest must not be
 * able to reach outside the set or the restore target (reliability I4, scenario 7).
 */
final class RelativePaths {

    private static final int QUOTE_LIMIT = 300;

    private RelativePaths() {
    }

    /** Refuses absolute paths, backslashes, NUL, empty, {@code .} and {@code ..} segments. */
    static void check(String relativePath) {
        String reason = problem(relativePath);
        if (reason != null) {
            throw new FileStoreException("unsafe path " + quote(relativePath) + ": " + reason);
        }
    }

    /** The folder part of a checked path, {@code ""} for a file at the root. */
    static String parent(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    /** The path relative to {@code root} with {@code /} separators whatever the platform. */
    static String relativize(Path root, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path name : root.relativize(file)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(name);
        }
        return path.toString();
    }

    /** Quotes a path for a message, escaping control characters so a hostile name cannot forge log lines. */
    static String quote(String path) {
        StringBuilder quoted = new StringBuilder("'");
        for (int i = 0; i < path.length() && i < QUOTE_LIMIT; i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append(path.length() > QUOTE_LIMIT ? "…'" : "'").toString();
    }

    private static String problem(String path) {
        if (path.isEmpty()) {
            return "empty";
        }
        if (path.indexOf('\0') >= 0) {
            return "contains NUL";
        }
        if (path.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (path.startsWith("/")) {
            return "absolute";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "'" + segment + "' segment";
            }
        }
        return null;
    }
}
