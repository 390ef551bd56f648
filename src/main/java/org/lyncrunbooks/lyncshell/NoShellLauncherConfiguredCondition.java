package org.lyncrunbooks.lyncshell;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code lync.shell.launcher} is not configured; the lab farm registers its shell under this
 * condition, so a configured launcher always wins over the lab shell.
 */
public class NoShellLauncherConfiguredCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !ShellLauncherConfiguredCondition.isConfigured(context.getEnvironment());
    }
}
