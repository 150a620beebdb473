package com.ecommerce.users.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Tells tests which PostgreSQL the application uses: Dev Services' when Docker started one, otherwise the one named
 * by QUARKUS_DATASOURCE_*. For tests that start more processes against the same server.
 */
public class DatabaseCoordinates implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    private static volatile Coordinates current;

    public record Coordinates(String jdbcUrl, String username, String password) {

        /** host:port, as the FastAPI app's DATABASE_HOST held it. */
        public String hostAndPort() {
            String rest = jdbcUrl.substring("jdbc:postgresql://".length());
            return rest.substring(0, rest.indexOf('/'));
        }

        public String database() {
            String rest = jdbcUrl.substring("jdbc:postgresql://".length());
            String path = rest.substring(rest.indexOf('/') + 1);
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        /** Plain connections to this database, for {@link TestDatabase} in tests of the packaged application. */
        public DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(jdbcUrl);
            dataSource.setUser(username);
            dataSource.setPassword(password);
            return dataSource;
        }

        /** QUARKUS_DATASOURCE_* naming this database, for the environment of a {@link PackagedApp}. */
        public Map<String, String> environment() {
            return Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME", username,
                    "QUARKUS_DATASOURCE_PASSWORD", password == null ? "" : password);
        }

        /** The same server, another database. */
        public Coordinates withDatabase(String name) {
            String prefix = "jdbc:postgresql://" + hostAndPort() + "/";
            int query = jdbcUrl.indexOf('?');
            return new Coordinates(prefix + name + (query < 0 ? "" : jdbcUrl.substring(query)), username, password);
        }

        /** A new, empty database of that name on the same server (dropped first if it exists). */
        public Coordinates freshDatabase(String name) throws SQLException {
            try (Connection admin = DriverManager.getConnection(jdbcUrl, username, password);
                    Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                sql.execute("CREATE DATABASE " + name);
            }
            return withDatabase(name);
        }
    }

    public static Coordinates current() {
        if (current == null) {
            throw new IllegalStateException("DatabaseCoordinates is not a test resource of this test");
        }
        return current;
    }

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        Map<String, String> devServices = context.devServicesProperties();
        String url = devServices.get("quarkus.datasource.jdbc.url");
        if (url != null) {
            current = new Coordinates(url, devServices.get("quarkus.datasource.username"),
                    devServices.get("quarkus.datasource.password"));
        }
    }

    @Override
    public Map<String, String> start() {
        if (current == null) {
            current = new Coordinates(env("QUARKUS_DATASOURCE_JDBC_URL"), env("QUARKUS_DATASOURCE_USERNAME"),
                    System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("Neither Dev Services nor " + name + " names a PostgreSQL");
        }
        return value;
    }
}
