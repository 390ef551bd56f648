package org.lyncrunbooks.lyncshell;

import java.util.ArrayList;
import java.util.List;

/**
 * PowerShell quoting and the strict reading of the one-line cmdlet invocations this application writes.
 *
 * <p>Values are single-quoted literals. PowerShell treats the typographic quotes U+2018, U+2019, U+201A and
 * U+201B as single quotes too, so each of them is doubled like {@code '}. Control characters (CR, LF, NUL, …)
 * are refused: a line break inside a value would end the statement when the script is read from standard
 * input.
 */
public final class PowerShell {

    private PowerShell() {
    }

    /** {@code value} as a single-quoted PowerShell literal. */
    public static String quote(String value) {
        checkValue("value", value);
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            sb.append(c);
            if (isSingleQuote(c)) {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    static String checkValue(String parameter, String value) {
        if (value == null) {
            throw new IllegalArgumentException("parameter -" + parameter + " has no value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException("parameter -" + parameter
                        + " contains a control character (U+" + String.format("%04X", (int) c)
                        + ") at position " + i + "; refusing to pass it to PowerShell");
            }
        }
        return value;
    }

    static boolean isSingleQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }

    /**
     * Reads one line written by {@link Cmdlet#render()} back into a {@link Cmdlet}. Anything else (a second
     * statement, a pipe, a variable, an unquoted value, an unterminated string) is refused: this is what the
     * lab farm accepts, so a quoting mistake shows up as a refused script rather than as a different command.
     */
    public static Cmdlet parse(String line) {
        int i = 0;
        int n = line.length();
        int start = i;
        while (i < n && line.charAt(i) != ' ') {
            i++;
        }
        Cmdlet cmdlet;
        try {
            cmdlet = Cmdlet.of(line.substring(start, i));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cmdlet invocation: " + e.getMessage());
        }
        List<Cmdlet.Parameter> parameters = new ArrayList<>();
        while (i < n) {
            if (line.charAt(i) != ' ') {
                throw new IllegalArgumentException("unexpected '" + line.charAt(i) + "' at position " + i);
            }
            i++;
            if (i >= n || line.charAt(i) != '-') {
                throw new IllegalArgumentException("expected a parameter (-Name) at position " + i);
            }
            i++;
            int nameStart = i;
            while (i < n && (Character.isLetterOrDigit(line.charAt(i)))) {
                i++;
            }
            String name = line.substring(nameStart, i);
            if (i < n && line.charAt(i) == ' ' && i + 1 < n && isSingleQuote(line.charAt(i + 1))) {
                i += 2;
                StringBuilder value = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (isSingleQuote(c)) {
                        if (i + 1 < n && isSingleQuote(line.charAt(i + 1))) {
                            value.append(c);
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    value.append(c);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated string for -" + name);
                }
                parameters.add(new Cmdlet.Parameter(name, checkValue(name, value.toString())));
            } else {
                parameters.add(new Cmdlet.Parameter(name, null));
            }
        }
        return new Cmdlet(cmdlet.name(), parameters);
    }
}
