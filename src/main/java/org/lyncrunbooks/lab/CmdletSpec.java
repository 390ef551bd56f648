package org.lyncrunbooks.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lyncrunbooks.lyncshell.Cmdlet;

/**
 * What a lab cmdlet accepts, and the binding of an invocation to it with PowerShell's own error messages:
 * parameter names are case-insensitive, unknown or repeated parameters are refused, mandatory ones must be there.
 */
record CmdletSpec(String name, List<String> valueParameters, List<String> switchParameters, List<String> mandatory,
                  Handler handler) {

    /** Common parameters every cmdlet accepts. */
    private static final List<String> COMMON_SWITCHES = List.of("Verbose");

    /** Runs a bound invocation; returns what it writes to standard output. */
    @FunctionalInterface
    interface Handler {
        String run(Args args);
    }

    static CmdletSpec of(String name, List<String> values, List<String> switches, List<String> mandatory, Handler handler) {
        return new CmdletSpec(name, values, switches, mandatory, handler);
    }

    /** The bound parameters: values by canonical name, and the switches present. */
    record Args(Map<String, String> values, Set<String> switches) {

        Optional<String> value(String name) {
            return Optional.ofNullable(values.get(name));
        }

        String required(String name) {
            return values.get(name);
        }

        boolean has(String name) {
            return switches.contains(name);
        }
    }

    /** Binds the invocation, or throws a CmdletFailure worded like PowerShell's parameter binding errors. */
    Args bind(Cmdlet cmdlet) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> switches = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Cmdlet.Parameter p : cmdlet.parameters()) {
            Optional<String> value = canonical(valueParameters, p.name());
            Optional<String> flag = canonical(switchParameters, p.name()).or(() -> canonical(COMMON_SWITCHES, p.name()));
            String canonical = value.or(() -> flag).orElseThrow(() -> binding(
                    "A parameter cannot be found that matches parameter name '" + p.name() + "'."));
            if (!seen.add(canonical.toLowerCase(Locale.ROOT))) {
                throw binding("Cannot bind parameter because parameter '" + canonical + "' is specified more than once. "
                        + "To provide multiple values to parameters that can accept multiple values, use the array syntax.");
            }
            if (value.isPresent()) {
                if (p.value() == null) {
                    throw binding("Missing an argument for parameter '" + canonical
                            + "'. Specify a parameter of type 'System.String' and try again.");
                }
                if (p.value().isEmpty()) {
                    throw binding("Cannot bind argument to parameter '" + canonical + "' because it is an empty string.");
                }
                values.put(canonical, p.value());
            } else {
                if (p.value() != null) {
                    throw binding("A positional parameter cannot be found that accepts argument '" + p.value() + "'.");
                }
                switches.add(canonical);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String m : mandatory) {
            if (!values.containsKey(m) && !switches.contains(m)) {
                missing.add(m);
            }
        }
        if (!missing.isEmpty()) {
            throw binding("Cannot process command because of one or more missing mandatory parameters: "
                    + String.join(" ", missing) + ".");
        }
        return new Args(values, switches);
    }

    private static Optional<String> canonical(List<String> names, String given) {
        return names.stream().filter(n -> n.equalsIgnoreCase(given)).findFirst();
    }

    static CmdletFailure binding(String message) {
        return new CmdletFailure(CmdletFailure.Category.InvalidArgument, message);
    }
}
