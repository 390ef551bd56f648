package org.lyncrunbooks.lyncshell;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Creates the {@link LyncShell} over the configured launcher, or over the lab shell when none is configured. */
@Configuration(proxyBeanMethods = false)
class ShellConfiguration {

    static final String NOT_CONFIGURED = "lync.shell.launcher is not configured: set it to the argument list"
            + " that runs PowerShell with the Lync module, e.g. [powershell.exe, -NoProfile, -NonInteractive,"
            + " -Command, -]; see docs/operations.md, 'Configuration'";

    @Bean
    @Conditional(ShellLauncherConfiguredCondition.class)
    ShellLauncher processShellLauncher(ShellProperties properties) {
        return new ProcessShellLauncher(properties.launcher());
    }

    @Bean
    LyncShell lyncShell(ObjectProvider<ShellLauncher> launcher, ShellProperties properties) {
        // Without a launcher Spring would only say "No qualifying bean of type ShellLauncher"; an operator
        // needs to know which setting is missing.
        ShellLauncher available = launcher.getIfAvailable(() -> {
            throw new IllegalStateException(NOT_CONFIGURED);
        });
        return new LyncShell(available, properties);
    }
}
