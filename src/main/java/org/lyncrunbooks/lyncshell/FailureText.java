package org.lyncrunbooks.lyncshell;

import org.lyncrunbooks.secrets.Redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a failed shell wrote into the text an operator reads in Tasklist and Cockpit: readable, free of
 * terminal control sequences and of PowerShell's serialisation format, and short enough for an incident.
 */
final class FailureText {

    /** Longest detail put into a message; PowerShell error records seldom need more. */
    static final int MAX_LENGTH = 4000;

    private static final String CLIXML_MARKER = "#< CLIXML";
    private static final Pattern CLIXML_ERROR = Pattern.compile("<S S=\"Error\">(.*?)</S>", Pattern.DOTALL);
    private static final Pattern CLIXML_BLOCK = Pattern.compile("#< CLIXML\\s*(<Objs.*?</Objs>)?",
            Pattern.DOTALL);
    private static final Pattern CLIXML_CHAR = Pattern.compile("_x([0-9A-Fa-f]{4})_");
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[@-_]");

    private FailureText() {
    }

    /** The detail of a failure: standard error when it says anything, else standard output. */
    static String detail(String stderr, String stdout) {
        String fromStderr = clean(stderr);
        return fromStderr.isEmpty() ? clean(stdout) : fromStderr;
    }

    /** {@code text} made readable, trimmed and cut to its last {@link #MAX_LENGTH} characters. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String readable = text.contains(CLIXML_MARKER) ? decodeClixml(text) : text;
        readable = Redaction.scrub(readable);
        readable = ANSI_ESCAPE.matcher(readable).replaceAll("");
        readable = readable.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder(readable.length());
        readable.codePoints()
                .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .forEach(sb::appendCodePoint);
        return tail(sb.toString().strip());
    }

    /**
     * Windows PowerShell writes its error stream as serialised objects ("CLIXML") when it believes another
     * PowerShell reads it, as over SSH; only the error strings in it are meant for people. Other records
     * (progress, verbose) are dropped.
     */
    private static String decodeClixml(String text) {
        StringBuilder out = new StringBuilder();
        Matcher block = CLIXML_BLOCK.matcher(text);
        int last = 0;
        while (block.find()) {
            out.append(text, last, block.start());
            if (block.group(1) != null) {
                Matcher error = CLIXML_ERROR.matcher(block.group(1));
                while (error.find()) {
                    out.append(unescapeClixml(error.group(1)));
                }
            }
            last = block.end();
        }
        return out.append(text.substring(last)).toString();
    }

    private static String unescapeClixml(String value) {
        Matcher m = CLIXML_CHAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString()
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** The last {@link #MAX_LENGTH} characters, marked with a leading ellipsis when cut. */
    static String tail(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int start = text.length() - (MAX_LENGTH - 1);
        if (Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        return "…" + text.substring(start);
    }
}
