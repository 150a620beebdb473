package com.ecommerce.users.platform.devdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * The database of dev mode ({@code ./mvnw quarkus:dev}) and of the tests ({@code ./mvnw verify}) on a machine without
 * a container engine: the local PostgreSQL (localhost:5432), on which the OS user is a superuser, gets a role and a
 * database of the same name ({@value #DEV_NAME} in dev mode, {@value #TEST_NAME} in tests, the latter with CREATEDB
 * for the tests' throw-away databases), created if missing and never dropped, and the datasource points at them.
 * <p>
 * Only in the dev and test profiles, and only when nothing else names a database: QUARKUS_DATASOURCE_JDBC_URL (or
 * quarkus.datasource.jdbc.url in any form) wins, and with a container engine at hand Dev Services starts its
 * PostgreSQL as before. Where none of the three works, dev mode and the tests stop with one message saying what to do.
 * <p>
 * Why hand-written, and why here: Quarkus' Dev Services for PostgreSQL only knows containers, and decides at build
 * time, from the configuration, whether to start one; Flyway migrates during start-up, before any application bean
 * (a StartupEvent observer) could create the database. A config source factory is read by that build-time decision
 * as well as by the runtime configuration, and the database exists by the time either reads its URL. Settings, for
 * machines that differ: users.dev-database.name, users.dev-database.admin-url
 * (default jdbc:postgresql://localhost:5432/postgres) and users.dev-database.admin-user (default: the OS user).
 */
public class LocalDatabase implements ConfigSourceFactory {

    static final String DEV_NAME = "user_service_dev";
    static final String TEST_NAME = "user_service_test";
    static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://localhost:5432/postgres";

    /** Below application.properties (250), so that any other source naming a database wins. */
    static final int ORDINAL = 200;

    /** Where this database is, as the datasource properties name it. */
    public record Coordinates(String jdbcUrl, String username, String password) {

        Map<String, String> properties() {
            return Map.of("quarkus.datasource.jdbc.url", jdbcUrl, "quarkus.datasource.username", username,
                    "quarkus.datasource.password", password,
                    // no container engine: other Dev Services would only have Testcontainers log its failed search
                    "quarkus.devservices.enabled", "false");
        }
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        if (!dev && !profiles.contains("test")) {
            return List.of();
        }
        if (isSet(context, "quarkus.datasource.jdbc.url") || isSet(context, "quarkus.datasource.reactive.url")) {
            return List.of();
        }
        boolean devServicesOff = "false".equals(value(context, "quarkus.devservices.enabled", "true"))
                || "false".equals(value(context, "quarkus.datasource.devservices.enabled", "true"));
        if (!devServicesOff && ContainerEngines.available()) {
            return List.of();
        }
        String name = value(context, "users.dev-database.name", dev ? DEV_NAME : TEST_NAME);
        String adminUrl = value(context, "users.dev-database.admin-url", DEFAULT_ADMIN_URL);
        String adminUser = value(context, "users.dev-database.admin-user", System.getProperty("user.name"));
        Coordinates database;
        try {
            database = ensure(adminUrl, adminUser, name, !dev);
        } catch (SQLException e) {
            String message = message(dev, adminUrl, adminUser, e);
            if (dev) {
                // Dev mode would otherwise print the failed start-up's stack trace and wait for a code change.
                System.err.println(message);
                System.exit(1);
            }
            throw new IllegalStateException(message);
        }
        return List.of(new MapBackedConfigSource("user-service local database (" + name + ")", database.properties(),
                ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /**
     * The test database, created if missing, for test code that starts the packaged application (whose prod
     * profile does not read this factory).
     */
    public static Coordinates testDatabase() throws SQLException {
        return ensure(setting("users.dev-database.admin-url", DEFAULT_ADMIN_URL),
                setting("users.dev-database.admin-user", System.getProperty("user.name")),
                setting("users.dev-database.name", TEST_NAME), true);
    }

    /** A system property, else its environment variable (USERS_DEV_DATABASE_NAME), as the config sources read them. */
    private static String setting(String property, String otherwise) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** Creates the role and the database if missing (idempotent, and safe when two builds race). */
    static Coordinates ensure(String adminUrl, String adminUser, String name, boolean createDb) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("users.dev-database.name must be a plain lower-case identifier: " + name);
        }
        Properties login = new Properties();
        login.setProperty("user", adminUser);
        login.setProperty("connectTimeout", "2");
        login.setProperty("loginTimeout", "2");
        try (Connection admin = DriverManager.getConnection(adminUrl, login); Statement sql = admin.createStatement()) {
            String options = "LOGIN " + (createDb ? "CREATEDB" : "NOCREATEDB") + " PASSWORD '" + name + "'";
            if (exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                sql.execute("ALTER ROLE " + name + " " + options);
            } else {
                ignoringDuplicates(() -> sql.execute("CREATE ROLE " + name + " " + options));
            }
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                ignoringDuplicates(() -> sql.execute("CREATE DATABASE " + name + " OWNER " + name));
            }
            String url = adminUrl.substring(0, adminUrl.indexOf('/', "jdbc:postgresql://".length()) + 1) + name;
            return new Coordinates(url, name, name);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private interface Sql {
        void run() throws SQLException;
    }

    /** Another build created it first: 42710 duplicate_object, 42P04 duplicate_database, 23505 in the catalog. */
    private static void ignoringDuplicates(Sql statement) throws SQLException {
        try {
            statement.run();
        } catch (SQLException e) {
            if (!List.of("42710", "42P04", "23505").contains(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static String message(boolean dev, String adminUrl, String adminUser, SQLException cause) {
        String server = adminUrl.substring("jdbc:postgresql://".length(), adminUrl.indexOf('/', "jdbc:postgresql://".length()));
        return "user-service " + (dev ? "dev mode" : "tests") + ": no database. Start Docker or Podman (Dev Services),"
                + " or let OS user '" + adminUser + "' be a superuser of a PostgreSQL on " + server
                + " (sudo -u postgres createuser --superuser " + adminUser + "), or set QUARKUS_DATASOURCE_JDBC_URL,"
                + " QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD. (" + server + ": "
                + firstLine(cause.getMessage()) + ")";
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String value(ConfigSourceContext context, String name, String otherwise) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? otherwise : value.getValue();
    }
}
