package com.ecommerce.users.accountcache;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.RoundTripCountingProxy;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.support.TimedHttp;
import com.ecommerce.users.support.TimedHttp.Answer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * An authenticated read costs one database round trip: the token check is answered by the account status cache, and
 * the read is one statement in autocommit, with no BEGIN and no COMMIT around it. Counted on the wire, by a
 * {@link RoundTripCountingProxy} between the packaged application and PostgreSQL.
 *
 * <p>What else would talk to the database meanwhile is switched off or set apart: the pool's validation of a connection
 * on checkout and in the background (a query each), the scheduled purges, and the account-change listener's
 * connection, whose heartbeat is a SELECT 1 every 5 s (recognised by its application_name, and counted apart).
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class ReadRoundTripsIT {

    private static final String LISTENER = "user-service account-change-listener";
    private static final String ADMIN = "boss@round-trips.example";
    private static final String ADMIN_PASSWORD = "the round trips admin's password";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int WARM_UP = 20;
    private static final int READS = 50;

    static RoundTripCountingProxy proxy;
    static PackagedApp app;
    static TimedHttp http;
    static int userId;
    static String userToken;
    static String adminToken;

    @BeforeAll
    static void startBehindCountingProxy() throws Exception {
        Coordinates db = DatabaseCoordinates.current().freshDatabase("user_service_round_trips");
        String[] hostPort = db.hostAndPort().split(":");
        proxy = RoundTripCountingProxy.start(hostPort[0], hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 5432, LISTENER);
        String proxied = db.jdbcUrl().replace("//" + db.hostAndPort() + "/", "//127.0.0.1:" + proxy.port() + "/");
        Map<String, String> env = new HashMap<>(db.environment());
        // in clear text, so that the proxy recognises the listener by its application_name
        env.put("QUARKUS_DATASOURCE_JDBC_URL", proxied + (proxied.contains("?") ? "&" : "?") + "sslmode=disable");
        env.put("QUARKUS_DATASOURCE_JDBC_FOREGROUND_VALIDATION_INTERVAL", "0");
        env.put("QUARKUS_DATASOURCE_JDBC_BACKGROUND_VALIDATION_INTERVAL", "0");
        env.put("QUARKUS_SCHEDULER_ENABLED", "false");
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        env.put("USERS_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
        env.put("USERS_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        app = PackagedApp.start("read-round-trips", env);
        app.awaitReady(Duration.ofSeconds(90));
        http = new TimedHttp(app);

        String email = uniqueEmail();
        Answer registered = http.postJson("/users", json("Reader", email, PASSWORD), TIMEOUT);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        userId = registered.json().get("id").asInt();
        userToken = token(email, PASSWORD);
        adminToken = token(ADMIN, ADMIN_PASSWORD);
        assertThat(proxy.excludedConnections()).as("the listener's connection, recognised by its application_name")
                .isGreaterThanOrEqualTo(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void readingAnAccountByIdIsOneRoundTrip() throws Exception {
        assertOneRoundTripPerRead("GET /users/{id}", "/users/" + userId, userToken);
    }

    @Test
    void readingTheCallersOwnAccountIsOneRoundTrip() throws Exception {
        assertOneRoundTripPerRead("GET /users/me", "/users/me", userToken);
    }

    @Test
    void listingAccountsIsOneRoundTrip() throws Exception {
        assertOneRoundTripPerRead("GET /users?limit=20 (admin)", "/users?limit=20", adminToken);
    }

    private static void assertOneRoundTripPerRead(String label, String path, String token) throws Exception {
        for (int i = 0; i < WARM_UP; i++) { // the token's status cached, pgjdbc's statements prepared on the server
            read(path, token);
        }
        double hitsBefore = hits();
        proxy.reset();
        for (int i = 0; i < READS; i++) {
            read(path, token);
        }
        long roundTrips = proxy.roundTrips();
        long listener = proxy.excludedRoundTrips();
        double hits = hits() - hitsBefore;
        System.out.printf("[ReadRoundTripsIT] %s: %d round trips for %d reads (token check: %.0f cache hits; listener's "
                + "connection, not counted: %d round trips; %d connections proxied, %d of them the listener's)%n", label,
                roundTrips, READS, hits, listener, proxy.connections(), proxy.excludedConnections());
        assertThat(roundTrips).as("%s: database round trips for %d sequential reads", label, READS).isEqualTo(READS);
    }

    private static void read(String path, String token) throws IOException, InterruptedException {
        Answer answer = http.get(path, token, TIMEOUT);
        assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(200);
    }

    private static double hits() throws IOException, InterruptedException {
        return http.metric("users_account_status_lookups_total", "result=\"hit\"");
    }

    private static String token(String email, String password) throws IOException, InterruptedException {
        Answer login = http.postJson("/auth/login", "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password), TIMEOUT);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }
}
