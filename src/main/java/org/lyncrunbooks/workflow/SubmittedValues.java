package org.lyncrunbooks.workflow;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.lyncrunbooks.workflow.RequestRefusedException.Status;

/**
 * Reads what a person or script submitted, with a refusal naming the field and what is wrong when it does not hold:
 * text of the right type and length, a decision that is {@code true} or {@code false}, one of a list of choices.
 * The form checks the same for Tasklist users; these checks hold for REST callers too (a form is not a trust
 * boundary). Values are never echoed whole: a refusal quotes at most the start of what was given.
 */
public final class SubmittedValues {

    private static final int QUOTED = 40;

    private final Function<String, Object> variables;

    public SubmittedValues(Function<String, Object> variables) {
        this.variables = variables;
    }

    /** Text, trimmed; empty when missing or blank. */
    public Optional<String> text(String name, String label) {
        Object value = variables.apply(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw refused(label + " (" + name + ") must be text, not " + describe(value));
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** Text that must be given. */
    public String requiredText(String name, String label) {
        return text(name, label).orElseThrow(() -> refused(label + " (" + name + ") is required"));
    }

    /** A decision: {@code true} or {@code false} (a JSON boolean), required. */
    public boolean decision(String name, String question) {
        Object value = variables.apply(name);
        if (value == null) {
            throw refused("no decision was made: " + question + " Choose one answer (" + name + ": true or false).");
        }
        if (!(value instanceof Boolean decided)) {
            throw refused(question + " " + name + " must be true or false (a JSON boolean), not " + describe(value));
        }
        return decided;
    }

    /** One of {@code choices}, required. */
    public String choice(String name, String question, Collection<String> choices) {
        Object value = variables.apply(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            throw refused("no decision was made: " + question + " Choose one of " + String.join(", ", choices)
                    + " (" + name + ").");
        }
        if (!(value instanceof String text) || !choices.contains(text)) {
            throw refused(question + " " + name + " must be one of " + String.join(", ", choices) + ", not "
                    + describe(value));
        }
        return text;
    }

    /** A checkbox that must be ticked. */
    public void confirmed(String name, String statement) {
        Object value = variables.apply(name);
        if (!Boolean.TRUE.equals(value)) {
            throw refused("not confirmed: " + statement + " (" + name + " must be true"
                    + (value == null ? ")" : ", not " + describe(value) + ")"));
        }
    }

    /** Every variable of {@code limits} that is present is text of at most its length. */
    public void withinLimits(Map<String, Integer> limits) {
        limits.forEach((name, limit) -> {
            Object value = variables.apply(name);
            if (value instanceof String text && text.length() > limit) {
                throw refused(name + " is " + text.length() + " characters long; at most " + limit + " are allowed");
            }
        });
    }

    /** {@code value} described for a message: its type, and the start of it. */
    public static String describe(Object value) {
        if (value instanceof String text) {
            String start = text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
            return "the text '" + start.replaceAll("\\p{Cntrl}", "?") + "'";
        }
        return "a " + value.getClass().getSimpleName() + (value instanceof Number || value instanceof Boolean
                ? " (" + value + ")" : "");
    }

    private static RequestRefusedException refused(String message) {
        return new RequestRefusedException(Status.BAD_REQUEST, message);
    }
}
