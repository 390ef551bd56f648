package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class NodeSnapshotTest {

    @Test
    void theConfigurationCarriesEveryLyncKeyTheDatasourceUrlAndTheProfilesButNoPassword() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of(
                "lync.backup.root", "/mnt/lyncbackup",
                "lync.shell.launcher[0]", "powershell.exe",
                "lync.shell.launcher[1]", "-Command",
                "lync.sql.credentials.defaults.password-env", "LYNC_SQL_PASSWORD",
                "lync.sql.credentials.defaults.password-file", "/etc/lync/sql-password",
                "lync.security.admin.password", "Canary-admin-Pw!",
                "lync.bootstrap.from", "/mnt/lyncbackup",
                "spring.datasource.url", "jdbc:postgresql://db01:5432/lync?password=Canary-url-Pw!",
                "spring.datasource.password", "Canary-ds-Pw!")));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "LYNC_RECOVERY_ESCALATEAFTER", "PT2H", "LYNC_SECURITY_ADMIN_PASSWORD", "Canary-env-Pw!")));
        environment.setActiveProfiles("postgres");
        org.springframework.boot.context.properties.source.ConfigurationPropertySources.attach(environment);

        SortedMap<String, String> configuration = NodeSnapshot.effectiveConfiguration(environment);

        assertThat(configuration).containsEntry("lync.backup.root", "/mnt/lyncbackup")
                .containsEntry("lync.shell.launcher[0]", "powershell.exe")
                .containsEntry("lync.shell.launcher[1]", "-Command")
                .containsEntry("lync.recovery.escalateafter", "PT2H")
                .containsEntry("lync.sql.credentials.defaults.password-env", "LYNC_SQL_PASSWORD")
                .containsEntry("lync.sql.credentials.defaults.password-file", "/etc/lync/sql-password")
                .containsEntry("spring.profiles.active", "postgres")
                .doesNotContainKeys("lync.security.admin.password", "lync.bootstrap.from", "spring.datasource.password");
        assertThat(configuration.get("spring.datasource.url")).startsWith("jdbc:postgresql://db01:5432/lync?password=")
                .doesNotContain("Canary");
        assertThat(configuration.values()).noneMatch(value -> value.contains("Canary"));
    }

    @Test
    void valuesWithBackslashesSpacesAndNonLatinCharactersReadBackAsWritten() throws Exception {
        String value = " \\\\backupsrv\\lync backup: é€=#!";
        Properties read = new Properties();
        read.load(new StringReader(org.lyncrunbooks.backupset.OrchestratorFolder.properties("a comment … \nof two lines",
                Map.of("lync.backup.root-unc", value))));

        assertThat(read.getProperty("lync.backup.root-unc")).isEqualTo(value);
    }

    @Test
    void aKeyIsSecretWhenAnyOfItsPartsNamesAPasswordSecretOrToken() {
        assertThat(NodeSnapshot.secret("lync.security.admin.password")).isTrue();
        assertThat(NodeSnapshot.secret("lync.notify.webhook.token")).isTrue();
        assertThat(NodeSnapshot.secret("lync.sql.credentials.instances[0].password-env")).isFalse();
        assertThat(NodeSnapshot.secret("lync.backup.root")).isFalse();
    }
}
