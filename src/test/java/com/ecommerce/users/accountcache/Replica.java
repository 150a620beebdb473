package com.ecommerce.users.accountcache;

import static com.ecommerce.users.user.UserApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.TimedHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One packaged instance of the service, as a client and a Prometheus scraper see it. */
final class Replica implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    private final PackagedApp app;
    private final TimedHttp metrics;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Replica(String name, PackagedApp app) {
        this.name = name;
        this.app = app;
        this.metrics = new TimedHttp(app);
    }

    static Replica start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        PackagedApp app = PackagedApp.start(name, environment);
        Replica replica = new Replica(name, app);
        try {
            app.awaitReady(Duration.ofSeconds(90));
        } catch (AssertionError e) {
            replica.close();
            throw e;
        }
        return replica;
    }

    /** A login's tokens, and the session its access token names. */
    record Tokens(String access, String refresh, UUID sessionId) {

        int accountId() {
            return Integer.parseInt((String) Jwts.claims(access).get("sub"));
        }
    }

    int register(String email, String password) throws Exception {
        HttpResponse<String> created = send("POST", "/users", null, "application/json", json("Replicated", email, password));
        assertThat(created.statusCode()).as("%s: registration: %s", name, created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asInt();
    }

    Tokens login(String email, String password) throws Exception {
        HttpResponse<String> login = attemptLogin(email, password);
        assertThat(login.statusCode()).as("%s: login: %s", name, login.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(login.body());
        String access = tokens.get("access_token").asText();
        return new Tokens(access, tokens.get("refresh_token").asText(), UUID.fromString((String) Jwts.claims(access).get("sid")));
    }

    HttpResponse<String> attemptLogin(String email, String password) throws Exception {
        return send("POST", "/auth/login", null, "application/json",
                "{\"email\": %s, \"password\": %s}".formatted(quote(email), quote(password)));
    }

    int get(String path, String token) throws Exception {
        return send("GET", path, token, null, null).statusCode();
    }

    /** A request with an optional bearer token and body, for its status; the body goes into the failure message. */
    int call(String method, String path, String token, String contentType, String body, int expected) throws Exception {
        HttpResponse<String> answer = send(method, path, token, contentType, body);
        assertThat(answer.statusCode()).as("%s: %s %s: %s", name, method, path, answer.body()).isEqualTo(expected);
        return answer.statusCode();
    }

    /** The refresh grant: its answer's tokens, or null for a refusal (400 invalid_grant). */
    Tokens refresh(String refreshToken) throws Exception {
        HttpResponse<String> answer = send("POST", "/auth/token", null, "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8));
        if (answer.statusCode() == 400) {
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as("%s: refresh: %s", name, answer.body())
                    .isEqualTo("invalid_grant");
            return null;
        }
        assertThat(answer.statusCode()).as("%s: refresh: %s", name, answer.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(answer.body());
        String access = tokens.get("access_token").asText();
        return new Tokens(access, tokens.get("refresh_token").asText(), UUID.fromString((String) Jwts.claims(access).get("sid")));
    }

    void logout(String refreshToken) throws Exception {
        call("POST", "/auth/logout", null, "application/x-www-form-urlencoded",
                "refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8), 204);
    }

    /** Whether this replica's introspection (RFC 7662), asked as the client {@code basic}, says the token is active. */
    boolean introspect(String basic, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUri() + "/auth/introspect")).timeout(TIMEOUT)
                .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s: introspection: %s", name, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("active").asBoolean();
    }

    /** Answers 200 to the token, and its metrics show that its cache, not the database, answered. */
    void assertCached(String label, String token, String path) throws Exception {
        double hits = cacheHits();
        for (int i = 0; i < 5; i++) {
            assertThat(get(path, token)).as("%s: %s before the change", label, name).isEqualTo(200);
        }
        assertThat(cacheHits() - hits).as("%s: of %s's 5 token checks, cache hits (the first reads the database)", label, name)
                .isGreaterThanOrEqualTo(3);
    }

    /**
     * Polls with the token until the answer is {@code refusal}, and returns how long after {@code changedAt}
     * (System.nanoTime) the first refusal came. Meanwhile the token still passes: 200, or 404 once a deletion has
     * committed but its notification has not reached this replica yet (the account is gone, its cached status not).
     * Any other answer fails at once.
     */
    Duration awaitRefusal(String label, String token, String path, int refusal, long changedAt, Duration atMost) {
        long refused = await(label + ": " + name + " refuses the token").atMost(atMost).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    int status = get(path, token);
                    if (status == refusal) {
                        return System.nanoTime();
                    }
                    assertThat(status).as("%s: %s, until it refuses the token with %d", label, name, refusal).isIn(200, 404);
                    return 0L;
                }, at -> at > 0);
        return Duration.ofNanos(refused - changedAt);
    }

    /** The metrics of the account status cache are registered at the first token check. */
    void firstTokenCheck(String email, String password) throws Exception {
        assertThat(get("/users/me", login(email, password).access())).as("%s: a token check", name).isEqualTo(200);
    }

    void awaitCacheInUse() {
        await(name + " listens for account changes").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> cacheTrusted() == 1);
    }

    /** Token checks its cache answered so far. */
    double cacheHits() throws Exception {
        return metrics.metric("users_account_status_lookups_total", "result=\"hit\"");
    }

    /** Token checks that read the database because the cache was not in use. */
    double cacheBypasses() throws Exception {
        return metrics.metric("users_account_status_lookups_total", "result=\"bypass\"");
    }

    /** 1 while its cache listens for account changes and is used, 0 while it is bypassed. */
    double cacheTrusted() throws Exception {
        return metrics.metric("users_account_status_cache_trusted");
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUri() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        app.close();
    }
}
