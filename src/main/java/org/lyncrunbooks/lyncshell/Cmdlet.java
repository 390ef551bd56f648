package org.lyncrunbooks.lyncshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Lync Server Management Shell cmdlet invocation: the cmdlet name and its parameters, each either a
 * switch ({@code -Clean}) or a value that is always rendered as a single-quoted PowerShell literal. Values are
 * never interpolated into script text any other way, so a value cannot become code.
 */
public record Cmdlet(String name, List<Parameter> parameters) {

    private static final Pattern CMDLET_NAME = Pattern.compile("[A-Z][a-z]+-Cs[A-Za-z]+");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    public Cmdlet {
        if (name == null || !CMDLET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a Lync cmdlet name (Verb-CsNoun)");
        }
        parameters = List.copyOf(parameters);
    }

    public static Cmdlet of(String name) {
        return new Cmdlet(name, List.of());
    }

    /** Adds {@code -name 'value'}; the value may hold any character but control characters. */
    public Cmdlet with(String parameter, String value) {
        return add(new Parameter(parameter, PowerShell.checkValue(parameter, value)));
    }

    /** Adds the switch {@code -name}. */
    public Cmdlet withSwitch(String parameter) {
        return add(new Parameter(parameter, null));
    }

    private Cmdlet add(Parameter parameter) {
        List<Parameter> list = new ArrayList<>(parameters);
        list.add(parameter);
        return new Cmdlet(name, list);
    }

    /** The value of {@code -name}, if given with a value. */
    public Optional<String> value(String parameter) {
        return parameters.stream().filter(p -> p.name().equalsIgnoreCase(parameter) && p.value() != null)
                .map(Parameter::value).findFirst();
    }

    /** Whether the switch {@code -name} is present. */
    public boolean hasSwitch(String parameter) {
        return parameters.stream().anyMatch(p -> p.name().equalsIgnoreCase(parameter) && p.value() == null);
    }

    /** The invocation as one line of PowerShell: {@code Name -P1 'v1' -Switch}. */
    public String render() {
        StringBuilder sb = new StringBuilder(name);
        for (Parameter p : parameters) {
            sb.append(" -").append(p.name());
            if (p.value() != null) {
                sb.append(' ').append(PowerShell.quote(p.value()));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    /** A parameter: a switch when {@code value} is null. */
    public record Parameter(String name, String value) {
        public Parameter {
            if (name == null || !PARAMETER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a PowerShell parameter name");
            }
        }
    }
}
