package org.lyncrunbooks.failover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a cmdlet writes in PowerShell's list format: one {@code Name : Value} line per property, objects separated
 * by a blank line. Property names are compared in any letter case.
 */
final class ShellList {

    private ShellList() {
    }

    static List<Map<String, String>> objects(String stdout) {
        List<Map<String, String>> objects = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : stdout.split("\\R", -1)) {
            int colon = line.indexOf(" :");
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    objects.add(current);
                    current = new LinkedHashMap<>();
                }
            } else if (colon > 0) {
                String value = line.substring(colon + 2).strip();
                current.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), value);
            }
        }
        if (!current.isEmpty()) {
            objects.add(current);
        }
        return objects;
    }

    /** The property of the first object, when it is there and not empty. */
    static Optional<String> first(String stdout, String property) {
        return objects(stdout).stream().map(o -> o.get(property.toLowerCase(java.util.Locale.ROOT)))
                .filter(v -> v != null && !v.isEmpty() && !"{}".equals(v)).findFirst();
    }
}
