package com.ecommerce.users.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import com.ecommerce.users.platform.devdb.LocalDatabase;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Tells tests which PostgreSQL the application uses: Dev Services' when Docker started one, otherwise the one named
 * by QUARKUS_DATASOURCE_*, otherwise the local test database that {@link LocalDatabase} creates (user_service_test on
 * localhost:5432). For tests that start more processes against the same server.
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

        /** As datasource properties, for the packaged application of a {@code @QuarkusIntegrationTest}. */
        public Map<String, String> properties() {
            return Map.of("quarkus.datasource.jdbc.url", jdbcUrl, "quarkus.datasource.username", username,
                    "quarkus.datasource.password", password == null ? "" : password);
        }

        /** The same server, another database. */
        public Coordinates withDatabase(String name) {
            String prefix = "jdbc:postgresql://" + hostAndPort() + "/";
            int query = jdbcUrl.indexOf('?');
            return new Coordinates(prefix + name + (query < 0 ? "" : jdbcUrl.substring(query)), username, password);
        }

        /**
         * A new, empty database on the same server (dropped first if it exists), named after this one: for
         * user_service_test, "user_service_k8s_job" becomes user_service_test_k8s_job. So test runs on different
         * databases of one server (other clones, other roles) neither clash nor need to own each other's databases.
         */
        public Coordinates freshDatabase(String name) throws SQLException {
            String own = database() + name.substring(name.startsWith("user_service") ? "user_service".length() : 0);
            try (Connection admin = DriverManager.getConnection(jdbcUrl, username, password);
                    Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + own + " WITH (FORCE)");
                sql.execute("CREATE DATABASE " + own);
            }
            return withDatabase(own);
        }
    }

    public static Coordinates current() {
        if (current == null) {
            throw new IllegalStateException("DatabaseCoordinates is not a test resource of this test");
        }
        return current;
    }

    /**
     * Dev Services' database if it started one, else QUARKUS_DATASOURCE_*, else the local test database (created if
     * missing). The application under test takes the same decision in its test profile; the packaged application of
     * a {@code @QuarkusIntegrationTest} (prod profile) is told by {@link ProductionAuth}.
     */
    public static Coordinates resolve(Map<String, String> devServices) {
        String url = devServices.get("quarkus.datasource.jdbc.url");
        if (url != null) {
            return new Coordinates(url, devServices.get("quarkus.datasource.username"),
                    devServices.get("quarkus.datasource.password"));
        }
        url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url != null) {
            return new Coordinates(url, System.getenv("QUARKUS_DATASOURCE_USERNAME"),
                    System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
        }
        try {
            LocalDatabase.Coordinates local = LocalDatabase.testDatabase();
            return new Coordinates(local.jdbcUrl(), local.username(), local.password());
        } catch (SQLException e) {
            throw new IllegalStateException("Neither Dev Services nor QUARKUS_DATASOURCE_JDBC_URL names a PostgreSQL,"
                    + " and the local test database cannot be created: " + e.getMessage());
        }
    }

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        current = resolve(context.devServicesProperties());
    }

    @Override
    public Map<String, String> start() {
        if (current == null) {
            current = resolve(Map.of());
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
