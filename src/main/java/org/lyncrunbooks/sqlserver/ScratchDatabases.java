package org.lyncrunbooks.sqlserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lyncrunbooks.sqlserver.SqlServerClient.BackupFile;
import org.lyncrunbooks.sqlserver.SqlServerClient.DefaultPaths;
import org.lyncrunbooks.sqlserver.SqlServerClient.FileMove;

/**
 * The scratch databases a restore drill creates: their names, where their files go, and the rule that nothing
 * without the prefix is ever dropped. Like dbatools' {@code Test-DbaLastBackup}, a backup is restored under a
 * prefixed name with every file moved to a prefixed file name, so the copy never shares a file with the database it
 * was taken from; the prefix is fixed (not configurable) so that no setting can widen what a drill may drop.
 */
public final class ScratchDatabases {

    /** Every scratch database's name starts with this; {@code _} is a LIKE wildcard, hence {@link #LIKE_PATTERN}. */
    public static final String PREFIX = "lyncdrill_";
    /** {@code LIKE} pattern matching the prefix literally ({@code ESCAPE '\'}). */
    static final String LIKE_PATTERN = PREFIX.replace("_", "\\_") + "%";

    private ScratchDatabases() {
    }

    /** The scratch name for a restore of {@code database}: the prefix and the name, at most 128 characters. */
    public static String nameFor(String database) {
        TSql.requireValidName(database);
        String name = PREFIX + database;
        if (name.length() > TSql.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the scratch name for '" + TSql.printable(database) + "' would be "
                    + name.length() + " characters long; SQL Server names are at most " + TSql.MAX_NAME_LENGTH);
        }
        return name;
    }

    /** Whether {@code name} is a scratch database's name. */
    public static boolean isScratch(String name) {
        return name != null && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && name.length() > PREFIX.length();
    }

    /** Refuses anything that is not a scratch database's name: what makes "a drill never drops production" hold. */
    public static void require(String name) {
        TSql.requireValidName(name);
        if (!isScratch(name)) {
            throw new IllegalArgumentException("'" + TSql.printable(name) + "' is not a restore drill's scratch "
                    + "database (its name does not start with " + PREFIX + "); it is never restored over or dropped");
        }
    }

    /**
     * Where each file of a backup goes when it is restored as {@code scratch}: the instance's default data or log
     * folder (the original file's folder when the instance does not say, as on SQL Server 2008 R2), and the original
     * file name with the prefix in front of it.
     */
    public static List<FileMove> moves(List<BackupFile> files, DefaultPaths paths, String scratch) {
        require(scratch);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the backup lists no files to restore");
        }
        List<FileMove> moves = new ArrayList<>();
        for (BackupFile file : files) {
            String folder = "L".equals(file.type().toUpperCase(Locale.ROOT)) ? paths.log() : paths.data();
            String original = file.physicalName();
            int slash = Math.max(original.lastIndexOf('\\'), original.lastIndexOf('/'));
            String fileName = original.substring(slash + 1);
            if (folder == null || folder.isBlank()) {
                folder = slash < 0 ? "" : original.substring(0, slash + 1);
            }
            String separator = folder.contains("\\") || !folder.contains("/") ? "\\" : "/";
            if (!folder.isEmpty() && !folder.endsWith(separator)) {
                folder = folder + separator;
            }
            moves.add(new FileMove(file.logicalName(), folder + PREFIX + fileName));
        }
        return moves;
    }
}
