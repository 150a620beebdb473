package com.ecommerce.users.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Two packaged replicas, A and B, on one database with one encryption key: a code accepted on A is refused on B (the
 * used step is in the database, not in a replica's memory), and B reads the secret A encrypted. Codes come from the
 * real clock: the confirmation uses the current step, the login the next one (inside the ±1 window whichever of
 * the two the service is in), so no test waits for a step.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class CodeReplayAcrossReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a replicated passphrase";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Coordinates db;
    static PackagedApp a;
    static PackagedApp b;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        db = DatabaseCoordinates.current().freshDatabase("user_service_mfa_replicas");
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        env.put("USERS_MFA_ENCRYPTION_KEYS", "replicas:" + Base64.getEncoder().encodeToString(key));
        a = PackagedApp.start("mfa-replica-a", env);
        a.awaitReady(Duration.ofSeconds(90));
        b = PackagedApp.start("mfa-replica-b", env);
        b.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aCodeUsedOnAIsRefusedOnB() throws Exception {
        String email = "replayed-" + System.nanoTime() + "@example.com";
        expect(a, "POST", "/users", null, "{\"name\": \"Replayed\", \"email\": \"%s\", \"password\": \"%s\"}"
                .formatted(email, PASSWORD), 201);
        String access = json(expect(a, "POST", "/auth/login", null, login(email), 200)).get("access_token").asText();
        byte[] secret = Rfc6238.base32(json(expect(a, "POST", "/users/me/mfa/totp", access,
                "{\"currentPassword\": \"%s\"}".formatted(PASSWORD), 200)).get("secret").asText());
        long step = Rfc6238.step(Instant.now().getEpochSecond());
        expect(a, "POST", "/users/me/mfa/totp/confirm", access, code(Rfc6238.code(secret, step)), 200);

        String next = Rfc6238.code(secret, step + 1);
        String onA = json(expect(a, "POST", "/auth/login", null, login(email), 401)).get("mfa_token").asText();
        expect(a, "POST", "/auth/login/mfa", null, secondStep(onA, next), 200);

        String onB = json(expect(b, "POST", "/auth/login", null, login(email), 401)).get("mfa_token").asText();
        JsonNode refused = json(expect(b, "POST", "/auth/login/mfa", null, secondStep(onB, next), 401));
        assertThat(refused.get("type").asText()).isEqualTo("urn:problem:user-service:wrong-mfa-code");
        assertThat(new TestDatabase(db.dataSource()).count(
                "SELECT count(*) FROM mfa_totp t JOIN users u ON u.id = t.user_id WHERE u.email = ? AND last_used_step = ?",
                email, step + 1)).isEqualTo(1);
    }

    private static String login(String email) {
        return "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, PASSWORD);
    }

    private static String code(String code) {
        return "{\"code\": \"%s\"}".formatted(code);
    }

    private static String secondStep(String token, String code) {
        return "{\"mfa_token\": \"%s\", \"code\": \"%s\"}".formatted(token, code);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private static String expect(PackagedApp app, String method, String path, String token, String body, int status)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUri() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(status);
        return answer.body();
    }
}
