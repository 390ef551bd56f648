package org.lyncrunbooks.backupset;

import java.util.List;

/** How messages name backup sets and the set ids people type, so that a refusal says the same wherever it comes from. */
public final class SetNames {

    private static final int LISTED_SETS = 5;
    private static final int SHOWN_CHARACTERS = 64;

    private SetNames() {
    }

    /** The published sets among {@code sets}, newest first: the first five and how many older, or {@code none}. */
    public static String published(List<BackupSetEntry> sets) {
        List<String> ids = sets.stream().filter(e -> e.status() == BackupSetEntry.Status.PUBLISHED)
                .map(e -> e.id().toString()).toList();
        if (ids.isEmpty()) {
            return "none";
        }
        return ids.size() <= LISTED_SETS ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, LISTED_SETS)) + " and " + (ids.size() - LISTED_SETS) + " older";
    }

    /** A value someone typed, for a message: control characters replaced, long values cut. */
    public static String printable(String text) {
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= SHOWN_CHARACTERS ? clean : clean.substring(0, SHOWN_CHARACTERS - 1) + "…";
    }
}
