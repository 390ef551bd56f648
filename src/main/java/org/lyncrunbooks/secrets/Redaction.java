package org.lyncrunbooks.secrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text that is about to become an exception message, an incident, a process variable or
 * a log line: the values of {@code password=}, {@code pwd=}, {@code PGPASSWORD=}, {@code secret=}, {@code token=}
 * and {@code key=} pairs as connection strings, URLs and command lines write them ({@code ;Password=x;},
 * {@code ?password=x&}, {@code Password = 'x'}, {@code "password": "x"}), and the password of a URL's user info
 * ({@code postgresql://user:x@host}). The names stay so a reader knows what was there.
 */
public final class Redaction {

    public static final String MASK = "****";

    // name, optional quote closing a JSON name, separator, then a quoted or an unquoted value
    private static final Pattern PAIR = Pattern.compile(
            "(?i)\\b((?:[a-z_]*password|pwd|passwd|secret|client_secret|token|access_token|api_?key|accountkey)"
                    + "[\"']?(?:\\s*[=:]\\s*|\\s+(?=['\"])))(\"[^\"]*\"|'[^']*'|\\{[^}]*\\}|[^;&\\s,\"'}]+)");
    private static final Pattern USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:)([^@\\s/]+)(@)");

    private Redaction() {
    }

    /** The text with every credential value replaced by {@value #MASK}; null stays null. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher pair = PAIR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (pair.find()) {
            String value = pair.group(2);
            String masked = value.startsWith("\"") ? "\"" + MASK + "\""
                    : value.startsWith("'") ? "'" + MASK + "'" : value.startsWith("{") ? "{" + MASK + "}" : MASK;
            pair.appendReplacement(out, Matcher.quoteReplacement(pair.group(1) + masked));
        }
        pair.appendTail(out);
        return USER_INFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
    }
}
