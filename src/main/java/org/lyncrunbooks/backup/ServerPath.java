package org.lyncrunbooks.backup;

/**
 * A path inside a set folder as the Windows servers (SQL Server, the Management Shell) see it: under
 * {@code lync.backup.root-unc} with backslashes, or — when no UNC root is configured, as in the lab — the local path.
 */
record ServerPath(String root, String setFolder) {

    String resolve(String relative) {
        boolean windows = root.startsWith("\\\\");
        String separator = windows ? "\\" : "/";
        String base = root.endsWith(separator) ? root.substring(0, root.length() - 1) : root;
        String rel = windows ? relative.replace('/', '\\') : relative;
        return base + separator + setFolder + separator + rel;
    }
}
