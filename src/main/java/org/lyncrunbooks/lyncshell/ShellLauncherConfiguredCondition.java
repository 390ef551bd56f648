package org.lyncrunbooks.lyncshell;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code lync.shell.launcher} is configured (a non-empty list, written as a YAML list or as
 * comma-separated values), i.e. when cmdlets run through a real PowerShell rather than the lab shell.
 */
public class ShellLauncherConfiguredCondition implements Condition {

    static final String LAUNCHER_PROPERTY = "lync.shell.launcher";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isConfigured(context.getEnvironment());
    }

    /** Whether {@code lync.shell.launcher} holds an argument list in {@code environment}. */
    public static boolean isConfigured(Environment environment) {
        // Bound, not read with getProperty: a YAML list arrives as launcher[0], launcher[1], … and has no
        // value under the plain key.
        return Binder.get(environment).bind(LAUNCHER_PROPERTY, Bindable.listOf(String.class))
                .map(List::isEmpty)
                .map(empty -> !empty)
                .orElse(false);
    }
}
