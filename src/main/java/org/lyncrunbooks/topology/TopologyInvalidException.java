package org.lyncrunbooks.topology;

import java.nio.file.Path;
import java.util.List;

/** A topology file that cannot be used; the message names the file, each field path and what is wrong. */
public class TopologyInvalidException extends RuntimeException {

    private final transient Path file;
    private final List<String> problems;

    public TopologyInvalidException(Path file, List<String> problems) {
        super(format(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    /** Each problem as {@code field.path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }

    private static String format(Path file, List<String> problems) {
        StringBuilder sb = new StringBuilder("Invalid topology file ").append(file).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        problems.forEach(p -> sb.append(System.lineSeparator()).append("  ").append(file.getFileName()).append(": ").append(p));
        return sb.toString();
    }
}
