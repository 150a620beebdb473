package com.ecommerce.users.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import com.ecommerce.users.support.DatabaseCoordinates;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Builds, by hand, a database as the FastAPI app left it (its users table, an orders table referencing it, Alembic's
 * version table, rows with passlib-made hashes) and points the service at it, so that the test sees the service
 * adopt it. Works on the Dev Services PostgreSQL, on the one named by QUARKUS_DATASOURCE_* and on the local test
 * database.
 */
public class SeedDatabase implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    /** Suffix of the seed database's name, after the test database's own (see {@link #named}). */
    static final String NAME = "_seed_adoption";

    /** Rows exactly as the FastAPI app stored them: passlib 1.7.4 defaults (see password-vectors). */
    static final Object[][] USERS = {
            { 1, "Seed One", "one@seed.example", "secret123",
                    "$argon2id$v=19$m=102400,t=2,p=8$iXHO2ZvznvN+r/X+/9/b+w$CDGEpTUK3e77+49SSTqdWA" },
            { 2, "Seed Two", "Two@Seed.Example", "correct horse battery staple",
                    "$argon2id$v=19$m=102400,t=2,p=8$em/t/b8XohQixPif857zXg$zgo0zA0SK/53cgVKT9jSIw" },
            { 5, "Sëed Thrée", "three@seed.example", "pässwörd-ÜnïcØdé-密码-🔑",
                    "$argon2id$v=19$m=102400,t=2,p=8$zNn73ztHSKkVAiAkhPBeiw$0D2Tx4/mXIFKwiIyJU7tFg" },
    };
    /** Logs in during the tests, which upgrades its hash: kept apart from the rows checked untouched. */
    static final Object[] LOGIN_USER = { 4, "Seed Four", "four@seed.example", "  leading and trailing spaces  ",
            "$argon2id$v=19$m=102400,t=2,p=8$/v8/J2RsjXHunfM+J+S8lw$W9nc0XKRh+72moFkrQ/ImA" };

    /**
     * An address today's rules refuse (a non-ASCII local part: the mailer has no SMTPUTF8), which the FastAPI app took:
     * it keeps logging in with it (V8). The password and hash of {@code USERS[0]}.
     */
    static final Object[] REFUSED_ADDRESS_USER = { 6, "Seed Six", "Jörg@seed.example", "secret123",
            "$argon2id$v=19$m=102400,t=2,p=8$iXHO2ZvznvN+r/X+/9/b+w$CDGEpTUK3e77+49SSTqdWA" };

    private String adminUrl;
    private String user;
    private String password;

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        Map<String, String> devServices = context.devServicesProperties();
        adminUrl = devServices.get("quarkus.datasource.jdbc.url");
        user = devServices.get("quarkus.datasource.username");
        password = devServices.get("quarkus.datasource.password");
    }

    @Override
    public Map<String, String> start() {
        if (adminUrl == null) {
            adminUrl = setting("quarkus.datasource.jdbc.url");
            user = setting("quarkus.datasource.username");
            password = setting("quarkus.datasource.password");
        }
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + named(adminUrl, NAME) + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + named(adminUrl, NAME));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the seed database (does the role have CREATEDB?)", e);
        }
        String seedUrl = seedUrl();
        try (Connection seed = DriverManager.getConnection(seedUrl, user, password); Statement sql = seed.createStatement()) {
            // What SQLAlchemy + Alembic created for the FastAPI app
            sql.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
            sql.execute("INSERT INTO alembic_version VALUES ('a1b2c3d4e5f6')");
            sql.execute("CREATE TABLE users (id SERIAL PRIMARY KEY, name VARCHAR(50), email VARCHAR(255) UNIQUE, password VARCHAR(255))");
            sql.execute("CREATE TABLE orders (id SERIAL PRIMARY KEY, order_date TIMESTAMP, order_amount FLOAT, "
                    + "order_status VARCHAR, shipping_address TEXT, customer_id INTEGER REFERENCES users (id) ON DELETE RESTRICT)");
            List<Object[]> rows = new ArrayList<>(List.of(USERS));
            rows.add(LOGIN_USER);
            rows.add(REFUSED_ADDRESS_USER);
            for (Object[] row : rows) {
                try (var insert = seed.prepareStatement("INSERT INTO users (id, name, email, password) VALUES (?, ?, ?, ?)")) {
                    insert.setInt(1, (Integer) row[0]);
                    insert.setString(2, (String) row[1]);
                    insert.setString(3, (String) row[2]);
                    insert.setString(4, (String) row[4]);
                    insert.executeUpdate();
                }
            }
            sql.execute("SELECT setval('users_id_seq', 6)");
            sql.execute("INSERT INTO orders (order_date, order_amount, order_status, shipping_address, customer_id) "
                    + "VALUES (now(), 42.5, 'PROCESSING', '1 Seed Street', 2)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", seedUrl,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password == null ? "" : password);
    }

    @Override
    public void stop() {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + named(adminUrl, NAME) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another throw-away database on the same server, for migrations run by hand; {@code suffix} as for {@link #named}. */
    static String createScratchDatabase(String suffix) throws SQLException {
        String url = setting("quarkus.datasource.jdbc.url");
        String name = named(url, suffix);
        try (Connection admin = DriverManager.getConnection(url, setting("quarkus.datasource.username"),
                setting("quarkus.datasource.password")); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + name);
        }
        return withDatabase(url, name);
    }

    private String seedUrl() {
        return withDatabase(adminUrl, named(adminUrl, NAME));
    }

    /**
     * The test database's name plus {@code suffix} (user_service_test_seed_adoption): test runs on different databases
     * of one server (other clones, other roles) neither clash nor need to own each other's databases.
     */
    static String named(String url, String suffix) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(slash + 1, query < 0 ? url.length() : query) + suffix;
    }

    /** jdbc:postgresql://host:port/db?params with db replaced. */
    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static String setting(String name) {
        Optional<String> value = ConfigProvider.getConfig().getOptionalValue(name, String.class);
        return value.or(() -> Optional.ofNullable(System.getenv(name.toUpperCase().replace('.', '_'))))
                // neither: the local test database (LocalDatabase), as the application's test profile uses it
                .orElseGet(() -> DatabaseCoordinates.resolve(Map.of()).properties().get(name));
    }
}
