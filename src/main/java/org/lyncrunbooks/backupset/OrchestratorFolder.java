package org.lyncrunbooks.backupset;

import java.util.List;

/**
 * What a set's {@code orchestrator/} folder holds (docs/backup-share.md): this application's engine database in the
 * form its engine writes, the topology file the run used, and the application's configuration without secrets —
 * what a new node needs to come up from the share with its history.
 */
public final class OrchestratorFolder {

    /** The folder inside a set, and the target of the {@code orchestrator-database} item. */
    public static final String FOLDER = "orchestrator";
    /** H2 file database: {@code BACKUP TO} (a zip of the database file). */
    public static final String H2_BACKUP = "engine-h2.zip";
    /** H2 in-memory database: {@code SCRIPT TO … COMPRESSION ZIP}. */
    public static final String H2_SCRIPT = "engine-h2-script.zip";
    /** PostgreSQL: {@code pg_dump -Fc}. */
    public static final String POSTGRES_DUMP = "engine.dump";
    /** SQL Server: {@code BACKUP DATABASE … WITH CHECKSUM}. */
    public static final String SQLSERVER_BACKUP = "engine.bak";
    /**
     * SQL Server: the database's files when it was backed up ({@code sys.database_files}: logical name, physical
     * name, type, one tab-separated line each), for the {@code WITH MOVE} clauses of its restore.
     */
    public static final String SQLSERVER_FILES = "engine-files.tsv";
    /** The topology file exactly as the run read it. */
    public static final String TOPOLOGY = "topology.yaml";
    /** The effective {@code lync.*}, {@code spring.datasource.url} and profile settings, without secrets. */
    public static final String CONFIGURATION = "configuration.properties";

    /** The engine database files, one of which a set holds. */
    public static final List<String> ENGINE_DATABASE_FILES = List.of(H2_BACKUP, H2_SCRIPT, POSTGRES_DUMP, SQLSERVER_BACKUP);

    private OrchestratorFolder() {
    }

    /**
     * A {@code .properties} text of {@code values} (in their order) under a comment, escaped as
     * {@link java.util.Properties#load(java.io.InputStream)} reads it (ISO-8859-1, other characters as {@code &#92;uXXXX}).
     */
    public static String properties(String comment, java.util.Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\n")) {
            text.append("# ").append(escape(line, false).replace("\\\\", "\\")).append('\n');
        }
        values.forEach((key, value) -> text.append(escape(key, true)).append('=').append(escape(value, false)).append('\n'));
        return text.toString();
    }

    static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append(key ? "\\" : "").append(c);
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0xff) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The path of {@code name} inside the set, as the manifest lists it. */
    public static String path(String name) {
        return FOLDER + "/" + name;
    }
}
