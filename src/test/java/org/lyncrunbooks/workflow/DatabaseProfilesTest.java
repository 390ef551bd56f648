package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Driver;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The engine database profiles {@code postgres} and {@code sqlserver} read the connection from the environment
 * ({@code LYNC_DATASOURCE_*}) and set what several nodes on one database need. Only the configuration is loaded
 * here (no engine); the PostgreSQL profile runs for real in {@code ClusterIT}, SQL Server only opt-in (docs/operations.md).
 */
class DatabaseProfilesTest {

    @Test
    void thePostgresProfileTakesTheConnectionFromTheEnvironment() throws Exception {
        try (ConfigurableApplicationContext context = load("postgres", Map.of(
                "LYNC_DATASOURCE_URL", "jdbc:postgresql://db01.contoso.local:5432/lync_runbooks",
                "LYNC_DATASOURCE_USERNAME", "lync_runbooks", "LYNC_DATASOURCE_PASSWORD", "Canary-Pg-1"))) {
            DataSourceProperties datasource = bind(context, "spring.datasource", DataSourceProperties.class);
            assertThat(datasource.getUrl()).isEqualTo("jdbc:postgresql://db01.contoso.local:5432/lync_runbooks");
            assertThat(datasource.getUsername()).isEqualTo("lync_runbooks");
            assertThat(datasource.getPassword()).isEqualTo("Canary-Pg-1");
            assertThat(driver(datasource).acceptsURL(datasource.getUrl())).isTrue();
            assertThat(context.getEnvironment().getProperty("spring.datasource.hikari.transaction-isolation"))
                    .isEqualTo("TRANSACTION_READ_COMMITTED");

            CamundaBpmProperties camunda = bind(context, "camunda.bpm", CamundaBpmProperties.class);
            assertThat(camunda.getDatabase().getType()).isEqualTo("postgres")
                    .isEqualTo(dialectOf("PostgreSQL"));
            assertClusterJobExecution(camunda);
        }
    }

    @Test
    void theSqlServerProfileUsesMssqlJdbcAndTheEnginesMssqlDialect() throws Exception {
        String url = "jdbc:sqlserver://sql01.contoso.local:1433;databaseName=lync_runbooks;encrypt=true";
        try (ConfigurableApplicationContext context = load("sqlserver", Map.of("LYNC_DATASOURCE_URL", url,
                "LYNC_DATASOURCE_USERNAME", "lync_runbooks", "LYNC_DATASOURCE_PASSWORD", "Canary-Sql-1"))) {
            DataSourceProperties datasource = bind(context, "spring.datasource", DataSourceProperties.class);
            assertThat(datasource.getUrl()).isEqualTo(url);
            assertThat(datasource.getDriverClassName()).isEqualTo("com.microsoft.sqlserver.jdbc.SQLServerDriver");
            assertThat(driver(datasource).acceptsURL(url)).isTrue();
            assertThat(datasource.getPassword()).isEqualTo("Canary-Sql-1");

            CamundaBpmProperties camunda = bind(context, "camunda.bpm", CamundaBpmProperties.class);
            assertThat(camunda.getDatabase().getType()).isEqualTo("mssql")
                    .isEqualTo(dialectOf("Microsoft SQL Server"));
            assertClusterJobExecution(camunda);
        }
    }

    @Test
    void aProfileWithoutAConnectionUrlDoesNotFallBackToADatabaseOfItsOwn() {
        try (ConfigurableApplicationContext context = load("postgres", Map.of())) {
            assertThatThrownBy(() -> context.getEnvironment().getProperty("spring.datasource.url"))
                    .hasMessageContaining("LYNC_DATASOURCE_URL");
        }
    }

    @Test
    void withoutAProfileTheEmbeddedH2DatabaseStaysTheDefault() {
        try (ConfigurableApplicationContext context = load(null, Map.of())) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:");
        }
    }

    private static void assertClusterJobExecution(CamundaBpmProperties camunda) {
        assertThat(camunda.getJobExecution().isEnabled()).isTrue();
        assertThat(camunda.getJobExecution().isDeploymentAware()).as("every node runs every job").isFalse();
        assertThat(camunda.getJobExecution().getLockTimeInMillis()).as("longer than the cmdlet timeout PT30M")
                .isGreaterThan(30 * 60 * 1000);
        assertThat(camunda.getDatabase().getSchemaUpdate()).isEqualTo("true");
    }

    /** The dialect the engine itself derives from the JDBC product name. */
    private static String dialectOf(String productName) {
        return Dialects.mappings().getProperty(productName);
    }

    /** Reaches the engine's (protected) product name to dialect table. */
    private static final class Dialects extends StandaloneInMemProcessEngineConfiguration {
        static java.util.Properties mappings() {
            return getDefaultDatabaseTypeMappings();
        }
    }

    private static Driver driver(DataSourceProperties datasource) throws Exception {
        return (Driver) Class.forName(datasource.determineDriverClassName()).getDeclaredConstructor().newInstance();
    }

    private static <T> T bind(ConfigurableApplicationContext context, String prefix, Class<T> type) {
        return Binder.get(context.getEnvironment()).bind(prefix, type).get();
    }

    /** Only the configuration files and the given environment variables; no beans, no engine. */
    private static ConfigurableApplicationContext load(String profile, Map<String, String> variables) {
        ConfigurableEnvironment environment = new StandardEnvironment();
        Map<String, Object> env = new HashMap<>(variables);
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Nothing.class).environment(environment)
                .web(WebApplicationType.NONE).logStartupInfo(false);
        if (profile != null) {
            builder.profiles(profile);
        }
        return builder.run();
    }

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }
}
