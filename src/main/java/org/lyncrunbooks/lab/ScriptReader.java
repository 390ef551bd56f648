package org.lyncrunbooks.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.PowerShell;

/**
 * Reads a script the way the lab accepts it, and nothing else: {@code $ErrorActionPreference = 'Stop'}, then
 * {@code Import-Module} lines, then exactly one cmdlet line that {@link PowerShell#parse} reads back. A second
 * statement, an unknown line or a value that breaks out of its quotes is refused before anything runs.
 */
final class ScriptReader {

    static final String FIRST_LINE = "$ErrorActionPreference = 'Stop'";
    // Import-Module followed by bare words (module names, paths, -Parameters) or single-quoted literals only
    private static final Pattern IMPORT_MODULE = Pattern.compile(
            "Import-Module( ([A-Za-z0-9_.:\\\\/-]+|'([^'\\u2018\\u2019\\u201A\\u201B\\p{Cntrl}]|'')*'))+");

    private ScriptReader() {
    }

    /** A script the lab accepts: its preamble and its one cmdlet. */
    record Script(List<String> preamble, Cmdlet cmdlet, String cmdletLine) {
    }

    /** The script was refused; {@code line} and {@code column} (1-based) say where, as PowerShell's parser does. */
    static final class Refused extends Exception {
        private final int line;
        private final int column;
        private final String text;

        Refused(int line, int column, String text, String message) {
            super(message);
            this.line = line;
            this.column = column;
            this.text = text;
        }

        /** The error record PowerShell prints for a parse error. */
        String render() {
            StringBuilder sb = new StringBuilder();
            if (line > 0) {
                sb.append("At line:").append(line).append(" char:").append(Math.max(column, 1)).append('\n');
                sb.append("+ ").append(text == null ? "" : printable(text)).append('\n');
            }
            sb.append(getMessage()).append('\n');
            sb.append("    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException\n");
            sb.append("    + FullyQualifiedErrorId : LabShellRefusedScript\n");
            return sb.toString();
        }
    }

    static Script read(String script) throws Refused {
        if (script == null || script.isEmpty()) {
            throw new Refused(0, 0, null, "The script is empty; the lab shell expects " + FIRST_LINE
                    + ", Import-Module lines and one cmdlet line.");
        }
        List<String> lines = new ArrayList<>(List.of(script.split("\n", -1)));
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (int c = 0; c < line.length(); c++) {
                if (Character.isISOControl(line.charAt(c)) || line.charAt(c) == '\u2028' || line.charAt(c) == '\u2029') {
                    throw new Refused(i + 1, c + 1, line, String.format(
                            "Unexpected control character U+%04X; the lab shell accepts one statement per line only.",
                            (int) line.charAt(c)));
                }
            }
        }
        if (!lines.get(0).equals(FIRST_LINE)) {
            throw new Refused(1, 1, lines.get(0), "The first line must be " + FIRST_LINE + ".");
        }
        if (lines.size() < 2) {
            throw new Refused(1, 1, lines.get(0), "The script has no cmdlet line.");
        }
        List<String> preamble = new ArrayList<>();
        int last = lines.size() - 1;
        for (int i = 1; i < last; i++) {
            String line = lines.get(i);
            if (!line.startsWith("Import-Module ")) {
                throw new Refused(i + 1, 1, line, "Only Import-Module lines may come before the cmdlet line, and the "
                        + "script must hold exactly one cmdlet line; refusing '" + printable(line) + "'.");
            }
            if (!IMPORT_MODULE.matcher(line).matches()) {
                throw new Refused(i + 1, 1, line, "The Import-Module line holds more than a module name and parameters; "
                        + "refusing it.");
            }
            preamble.add(line);
        }
        String line = lines.get(last);
        if (line.startsWith("Import-Module ")) {
            throw new Refused(last + 1, 1, line, "The script has no cmdlet line after its Import-Module lines.");
        }
        try {
            return new Script(preamble, PowerShell.parse(line), line);
        } catch (IllegalArgumentException e) {
            throw new Refused(last + 1, column(e.getMessage()), line, "The lab shell cannot read the cmdlet line: "
                    + e.getMessage() + ". It accepts one cmdlet with -Name 'single-quoted value' parameters and switches.");
        }
    }

    private static int column(String message) {
        java.util.regex.Matcher m = Pattern.compile("position (\\d+)").matcher(message == null ? "" : message);
        return m.find() ? Integer.parseInt(m.group(1)) + 1 : 1;
    }

    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.length() > 300 ? sb.substring(0, 297) + "..." : sb.toString();
    }
}
