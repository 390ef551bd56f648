package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

class ShellConfigurationTest {

    private static final List<String> POWERSHELL = List.of("powershell.exe", "-NoProfile", "-NonInteractive",
            "-Command", "-");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesConfiguration.class, ShellConfiguration.class);

    /** Stands in for the application's {@code @ConfigurationPropertiesScan}. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShellProperties.class)
    static class PropertiesConfiguration {
    }

    /** Registers a shell the way the lab farm does: only when no launcher is configured. */
    @Configuration(proxyBeanMethods = false)
    static class LabLikeConfiguration {

        static final ShellLauncher LAB_SHELL = (script, timeout) -> new ShellOutput(0, "lab", "");

        @Bean
        @Conditional(NoShellLauncherConfiguredCondition.class)
        ShellLauncher labShellLauncher() {
            return LAB_SHELL;
        }
    }

    @Test
    void startsAProcessLauncherWhenTheLauncherIsAYamlStyleList() {
        runner.withPropertyValues("lync.shell.launcher[0]=powershell.exe", "lync.shell.launcher[1]=-NoProfile",
                        "lync.shell.launcher[2]=-NonInteractive", "lync.shell.launcher[3]=-Command",
                        "lync.shell.launcher[4]=-")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(ShellLauncher.class).isInstanceOf(ProcessShellLauncher.class);
                    assertThat(context).hasSingleBean(LyncShell.class);
                    assertThat(context.getBean(ShellProperties.class).launcher()).isEqualTo(POWERSHELL);
                });
    }

    @Test
    void startsAProcessLauncherWhenTheLauncherIsCommaSeparated() {
        runner.withPropertyValues("lync.shell.launcher=powershell.exe,-NoProfile,-NonInteractive,-Command,-")
                .run(context -> {
                    assertThat(context).getBean(ShellLauncher.class).isInstanceOf(ProcessShellLauncher.class);
                    assertThat(context.getBean(ShellProperties.class).launcher()).isEqualTo(POWERSHELL);
                });
    }

    @Test
    void prefersTheConfiguredLauncherOverTheLabShell() {
        runner.withUserConfiguration(LabLikeConfiguration.class)
                .withPropertyValues("lync.shell.launcher=powershell.exe,-Command,-")
                .run(context -> {
                    assertThat(context).hasSingleBean(ShellLauncher.class);
                    assertThat(context).getBean(ShellLauncher.class).isInstanceOf(ProcessShellLauncher.class);
                });
    }

    @Test
    void usesTheLabShellWhenNoLauncherIsConfigured() {
        runner.withUserConfiguration(LabLikeConfiguration.class)
                .run(context -> {
                    assertThat(context).getBean(ShellLauncher.class).isSameAs(LabLikeConfiguration.LAB_SHELL);
                    assertThat(context.getBean(LyncShell.class).run(Cmdlet.of("Export-CsConfiguration")).stdout())
                            .isEqualTo("lab");
                });
    }

    @Test
    void treatsAnEmptyLauncherAsNotConfigured() {
        runner.withUserConfiguration(LabLikeConfiguration.class)
                .withPropertyValues("lync.shell.launcher=")
                .run(context -> assertThat(context).getBean(ShellLauncher.class)
                        .isSameAs(LabLikeConfiguration.LAB_SHELL));
    }

    @Test
    void failsWithAClearMessageWhenThereIsNoLauncherAtAll() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(ShellConfiguration.NOT_CONFIGURED)
                    .hasMessageContaining("lync.shell.launcher is not configured")
                    .hasMessageContaining("[powershell.exe, -NoProfile, -NonInteractive, -Command, -]");
        });
    }

    @Test
    void decidesBetweenConfiguredAndLabShellWithExactlyOneOfTheTwoConditions() {
        assertConditions(new MockEnvironment(), false);
        assertConditions(new MockEnvironment().withProperty("lync.shell.launcher", ""), false);
        assertConditions(new MockEnvironment().withProperty("lync.shell.launcher", "powershell.exe,-Command,-"), true);
        assertConditions(new MockEnvironment().withProperty("lync.shell.launcher[0]", "powershell.exe"), true);
    }

    private static void assertConditions(MockEnvironment environment, boolean configured) {
        ConditionContext context = mock(ConditionContext.class);
        when(context.getEnvironment()).thenReturn(environment);

        assertThat(new ShellLauncherConfiguredCondition().matches(context, null)).isEqualTo(configured);
        assertThat(new NoShellLauncherConfiguredCondition().matches(context, null)).isEqualTo(!configured);
    }

    @Test
    void bindsPerCmdletTimeoutsKeyedByTheCmdletName() {
        runner.withPropertyValues("lync.shell.launcher=powershell.exe",
                        "lync.shell.timeout=45m",
                        "lync.shell.timeouts.Export-CsUserData=PT2H",
                        "lync.shell.timeouts[Import-CsUserData]=3h")
                .run(context -> {
                    ShellProperties properties = context.getBean(ShellProperties.class);
                    assertThat(properties.timeoutFor("Export-CsUserData")).isEqualTo(Duration.ofHours(2));
                    assertThat(properties.timeoutFor("Import-CsUserData")).isEqualTo(Duration.ofHours(3));
                    assertThat(properties.timeoutFor("Export-CsConfiguration")).isEqualTo(Duration.ofMinutes(45));
                });
    }

    @Test
    void refusesToStartWithAPreambleLineHoldingAControlCharacter() {
        runner.withPropertyValues("lync.shell.launcher=powershell.exe",
                        "lync.shell.preamble[0]=Import-Module Lync\tRemove-Item C:\\")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("lync.shell.preamble[0] contains a control character (U+0009)");
                });
    }

    @Test
    void refusesToStartWithABlankLauncherArgument() {
        runner.withPropertyValues("lync.shell.launcher[0]=powershell.exe", "lync.shell.launcher[1]= ")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("launcher[1]");
                });
    }
}
