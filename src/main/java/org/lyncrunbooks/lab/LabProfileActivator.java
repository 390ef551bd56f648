package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.lyncrunbooks.lyncshell.ShellLauncherConfiguredCondition;
import org.lyncrunbooks.lyncshell.ShellLauncherMissingException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Activates the {@code lab} profile when no {@code lync.topology-file} is configured, so that
 * {@code mvn spring-boot:run} on a fresh machine starts against the generated lab farm, and adds the lab's
 * defaults ({@code lab-defaults.properties}: loopback only) with the lowest precedence.
 *
 * <p>It runs after config data so that a topology file set in any {@code application.yaml} is seen; that is
 * also why the lab defaults are a property source of their own rather than an {@code application-lab.yaml}.
 *
 * <p>Unless {@code spring.mail.host} is set, the lab's mail goes to its own SMTP catcher ({@link LabMailCatcher}).
 *
 * <p>Outside the lab, cmdlets run through {@code lync.shell.launcher}: without one, start-up stops here, before
 * anything else is built, with one line saying so ({@link ShellLauncherMissingException}).
 */
public class LabProfileActivator implements EnvironmentPostProcessor, Ordered {

    public static final String LAB_PROFILE = "lab";
    private static final String LAB_DEFAULTS = "lab-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String topologyFile = environment.getProperty("lync.topology-file");
        if ((topologyFile == null || topologyFile.isBlank()) && !environment.matchesProfiles(LAB_PROFILE)) {
            environment.addActiveProfile(LAB_PROFILE);
        }
        if (!environment.matchesProfiles(LAB_PROFILE) && !ShellLauncherConfiguredCondition.isConfigured(environment)) {
            throw new ShellLauncherMissingException();
        }
        if (environment.matchesProfiles(LAB_PROFILE)) {
            LabMailCatcher.configure(environment);
            try {
                environment.getPropertySources().addLast(
                        new ResourcePropertySource("labDefaults", new ClassPathResource(LAB_DEFAULTS)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
