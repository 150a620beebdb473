package com.ecommerce.users.login;

import static com.ecommerce.users.login.SessionApi.assertEnded;
import static com.ecommerce.users.login.SessionApi.login;
import static com.ecommerce.users.login.SessionApi.logout;
import static com.ecommerce.users.login.SessionApi.refresh;
import static com.ecommerce.users.login.SessionApi.refreshJson;
import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.reset;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.login.SessionApi.Tokens;
import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * Sessions on the packaged application, end to end, as a client lives them: log in, refresh again and again, lose a
 * token to a thief (its reuse ends the session), list and end devices, log out; every trigger that ends all of an
 * account's sessions; expiry and the scheduled purge. The audit line of a reuse reaches the production JSON log with its
 * fields.
 */
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
@WithTestResource(SessionFlowIT.PurgeEverySecond.class)
class SessionFlowIT {

    public static class PurgeEverySecond implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("users.session.purge-every", "1s", "users.session.purge-delay", "1s");
        }

        @Override
        public void stop() {
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSessionLivesThroughRotationsAndEndsOnReuseWithAnAuditedJsonLine() throws IOException {
        String email = uniqueEmail();
        int id = register("Flow", email, PASSWORD).statusCode(201).extract().path("id");
        Tokens login = login(email, PASSWORD);
        Tokens second = Tokens.of(refresh(login.refresh()).statusCode(200).extract());
        Tokens third = Tokens.of(refreshJson(second.refresh()).statusCode(200).extract());
        given().auth().oauth2(third.access()).get("/users/me").then().statusCode(200).body("email", equalTo(email));

        // the thief's copy, past the grace window of its rotation (RefreshRetryTests)
        TestDatabase sql = new TestDatabase(DatabaseCoordinates.current().dataSource());
        sql.execute("UPDATE refresh_tokens SET rotated_at = rotated_at - interval '1 minute' WHERE session_id = ?",
                UUID.fromString(login.sessionId()));
        refresh(second.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));

        refresh(third.refresh()).statusCode(400);
        given().auth().oauth2(third.access()).get("/users/me").then().statusCode(401);
        JsonNode audit = await().atMost(Duration.ofSeconds(10)).until(() -> auditLine("refresh-token.reused", id),
                line -> line != null);
        assertThat(audit.path("level").asText()).isEqualTo("INFO");
        assertThat(audit.path("mdc").path("client").asText()).isNotEmpty();
        assertThat(audit.path("mdc").path("requestId").asText()).isNotEmpty();
        assertThat(audit.toString()).doesNotContain(second.refresh()).doesNotContain(third.refresh());
    }

    @Test
    void devicesAreListedAndEndedAndLogoutAndPasswordChangesEndSessions() {
        String email = uniqueEmail();
        register("Devices", email, PASSWORD).statusCode(201);
        Tokens phone = login(email, PASSWORD, "Phone/1.0");
        Tokens laptop = login(email, PASSWORD, "Laptop/1.0");
        Tokens tablet = login(email, PASSWORD, "Tablet/1.0");

        given().auth().oauth2(laptop.access()).get("/users/me/sessions").then().statusCode(200)
                .body("items", hasSize(3)).body("items[0].userAgent", equalTo("Tablet/1.0"));
        given().auth().oauth2(laptop.access()).delete("/users/me/sessions/" + phone.sessionId()).then().statusCode(204);
        refresh(phone.refresh()).statusCode(400);

        logout(tablet.refresh()).statusCode(204);
        given().auth().oauth2(tablet.access()).get("/users/me").then().statusCode(401);

        given().auth().oauth2(laptop.access()).contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"a newer passphrase\"}".formatted(PASSWORD))
                .put("/users/me/password").then().statusCode(204);
        refresh(laptop.refresh()).statusCode(400);
        Tokens again = login(email, "a newer passphrase");
        given().auth().oauth2(again.access()).get("/users/me/sessions").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void anEmailChangeAResetByMailAndADeletionEndEveryDevice() {
        revokedBy((email, phone) -> given().auth().oauth2(phone.access()).contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(uniqueEmail(), PASSWORD))
                .patch("/users/me").then().statusCode(200));
        revokedBy((email, phone) -> {
            requestRecovery(email, uniqueClient()).statusCode(202);
            reset(awaitResetToken(email, 1), "a packaged recovered passphrase").statusCode(204);
        });
        revokedBy((email, phone) -> given().auth().oauth2(phone.access()).delete("/users/me").then().statusCode(204));
    }

    /** The packaged application purges on its schedule (every second here): expired and revoked rows go, live ones stay. */
    @Test
    void expiredSessionsAreRefusedAndThePurgeDropsThemAndRevokedOnes() {
        TestDatabase sql = new TestDatabase(DatabaseCoordinates.current().dataSource());
        String email = uniqueEmail();
        register("Purged", email, PASSWORD).statusCode(201);
        Tokens live = login(email, PASSWORD);
        Tokens expired = login(email, PASSWORD);
        Tokens forgotten = login(email, PASSWORD);
        String otherEmail = uniqueEmail();
        int other = register("Revoked", otherEmail, PASSWORD).statusCode(201).extract().path("id");
        Tokens revoked = login(otherEmail, PASSWORD);
        sql.execute("UPDATE refresh_sessions SET expires_at = now() - interval '1 second' WHERE id IN (?, ?)",
                UUID.fromString(expired.sessionId()), UUID.fromString(forgotten.sessionId()));
        given().auth().oauth2(revoked.access()).contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"a newer passphrase\"}".formatted(PASSWORD))
                .put("/users/me/password").then().statusCode(204);

        refresh(expired.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        await("the scheduled purge").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> sql.count("SELECT count(*) FROM refresh_sessions WHERE id = ?",
                        UUID.fromString(forgotten.sessionId())) == 0
                        && sql.count("SELECT count(*) FROM refresh_sessions WHERE user_id = ?", other) == 0);

        assertThat(sql.count("SELECT count(*) FROM refresh_sessions WHERE id = ?", UUID.fromString(live.sessionId())))
                .isEqualTo(1);
        refresh(live.refresh()).statusCode(200);
    }

    /**
     * Logs a new account in on two devices, runs {@code trigger} with its email and one device's tokens, and checks
     * that both devices' refresh and access tokens are refused.
     */
    private static void revokedBy(BiConsumer<String, Tokens> trigger) {
        String email = uniqueEmail();
        register("Revoked", email, PASSWORD).statusCode(201);
        Tokens phone = login(email, PASSWORD);
        Tokens laptop = login(email, PASSWORD);

        trigger.accept(email, phone);

        for (Tokens device : List.of(phone, laptop)) {
            assertEnded(device);
        }
    }

    /** The production JSON log line of an audit event for an account, if it was written yet. */
    private static JsonNode auditLine(String event, int accountId) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("target", "quarkus.log"));
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode json = JSON.readTree(line);
            JsonNode mdc = json.path("mdc");
            if ("audit".equals(json.path("loggerName").asText()) && event.equals(mdc.path("event").asText())
                    && Integer.toString(accountId).equals(mdc.path("accountId").asText())) {
                return json;
            }
        }
        return null;
    }
}
