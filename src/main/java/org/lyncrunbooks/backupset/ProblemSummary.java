package org.lyncrunbooks.backupset;

import java.util.List;

/**
 * A headline and a bullet list of problems, cut to a length that fits a process variable and an operator's screen,
 * saying how many more there are.
 */
public final class ProblemSummary {

    private ProblemSummary() {
    }

    /** {@code headline} then {@code - line} per problem, at most {@code limit} characters; {@code more} ends a cut list. */
    public static String of(String headline, List<String> lines, int limit, String more) {
        StringBuilder sb = new StringBuilder(headline);
        int shown = 0;
        for (String line : lines) {
            if (sb.length() + line.length() > limit) {
                break;
            }
            sb.append('\n').append("- ").append(line);
            shown++;
        }
        if (shown < lines.size()) {
            sb.append('\n').append("… and ").append(lines.size() - shown).append(" more").append(more);
        }
        return sb.toString();
    }
}
