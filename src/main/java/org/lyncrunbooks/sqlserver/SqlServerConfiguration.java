package org.lyncrunbooks.sqlserver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Wires the mssql-jdbc client; the lab profile brings its own {@link SqlServerClient} instead. */
@Configuration(proxyBeanMethods = false)
class SqlServerConfiguration {

    @Bean
    SqlConnectionFactory mssqlConnectionFactory(SqlProperties properties) {
        return new MssqlConnectionFactory(properties);
    }

    @Bean
    @Profile("!lab")
    SqlServerClient jdbcSqlServerClient(SqlConnectionFactory connections, SqlProperties properties) {
        return new JdbcSqlServerClient(connections, properties);
    }
}
