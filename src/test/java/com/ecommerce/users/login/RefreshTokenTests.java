package com.ecommerce.users.login;

import static com.ecommerce.users.login.SessionApi.login;
import static com.ecommerce.users.login.SessionApi.refresh;
import static com.ecommerce.users.login.SessionApi.refreshJson;
import static com.ecommerce.users.verification.VerificationApi.sha256;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.login.SessionApi.Tokens;
import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Refresh tokens (RFC 9700, section 4.14): opaque, stored hashed, rotated at every use, a reuse ends the session (past
 * the grace window of a rotation: {@link RefreshRetryTests}).
 */
@QuarkusTest
class RefreshTokenTests {

    @Inject
    DataSource dataSource;

    @Test
    void aLoginOpensASessionWhoseRefreshTokenIsStoredOnlyAsItsDigest() {
        Account account = newAccount("Session");
        ExtractableResponse<Response> answer = given().formParam("username", account.email())
                .formParam("password", PASSWORD).post("/auth/login")
                .then().statusCode(200).header("Cache-Control", "no-store").extract();
        String refreshToken = answer.path("refresh_token");
        int refreshExpiresIn = answer.path("refresh_expires_in");

        assertThat(refreshToken).matches("[A-Za-z0-9_-]{43}"); // 256 bits
        assertThat(refreshExpiresIn).isBetween((int) Duration.ofDays(30).toSeconds() - 5, (int) Duration.ofDays(30).toSeconds());
        String sid = (String) Jwts.claims(answer.path("access_token")).get("sid");
        Map<String, Object> session = db().row("SELECT * FROM refresh_sessions WHERE id = ?", UUID.fromString(sid));
        assertThat(session).containsEntry("user_id", account.id());
        List<Map<String, Object>> tokens = db().rows("SELECT * FROM refresh_tokens WHERE session_id = ?", UUID.fromString(sid));
        assertThat(tokens).hasSize(1);
        assertThat((byte[]) tokens.getFirst().get("token_hash")).isEqualTo(sha256(refreshToken));
        assertThat(db().count("""
                SELECT count(*) FROM refresh_tokens t JOIN refresh_sessions s ON s.id = t.session_id
                WHERE t::text LIKE ? OR s::text LIKE ?""", "%" + refreshToken + "%", "%" + refreshToken + "%"))
                .as("the raw token is in no column").isZero();
    }

    @Test
    void aRefreshRotatesTheTokenAndTheOldOneStopsWorking() {
        Account account = newAccount("Rotation");
        Tokens first = login(account.email(), PASSWORD);

        Tokens second = Tokens.of(refresh(first.refresh()).statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("bearer")).extract());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        given().auth().oauth2(second.access()).get("/users/me").then().statusCode(200).body("id", equalTo(account.id()));

        Tokens third = Tokens.of(refreshJson(second.refresh()).statusCode(200).extract());
        assertThat(third.refresh()).isNotEqualTo(second.refresh());
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ? AND rotated_at IS NULL",
                UUID.fromString(first.sessionId()))).as("one current token per session").isEqualTo(1);
    }

    @Test
    void aRotatedTokenPresentedAgainEndsTheWholeSessionAndIsAudited() {
        Account account = newAccount("Reuse");
        Tokens stolen = login(account.email(), PASSWORD);
        Tokens legitimate = Tokens.of(refresh(stolen.refresh()).statusCode(200).extract());
        RefreshRetryTests.windowOver(db(), stolen.sessionId());

        try (LogCapture logs = new LogCapture()) {
            refresh(stolen.refresh()).statusCode(400).contentType(PROBLEM_JSON)
                    .body("error", equalTo("invalid_grant"))
                    .body("type", equalTo("urn:problem:user-service:invalid-grant"));
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("audit refresh-token.reused account=" + account.id()))
                    .noneMatch(line -> line.contains(stolen.refresh()) || line.contains(legitimate.refresh()));
        }
        refresh(legitimate.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(legitimate.access()).get("/users/me").then().statusCode(401);
        given().auth().oauth2(stolen.access()).get("/users/me").then().statusCode(401);
        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE id = ?", UUID.fromString(stolen.sessionId())))
                .isZero();
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?", UUID.fromString(stolen.sessionId())))
                .isZero();
    }

    @Test
    void aRefreshSlidesTheExpiryButNeverPastTheMaximumLifetime() {
        Account account = newAccount("Sliding");
        Tokens tokens = login(account.email(), PASSWORD);
        UUID sid = UUID.fromString(tokens.sessionId());
        db().execute("UPDATE refresh_sessions SET expires_at = now() + interval '1 day' WHERE id = ?", sid);

        Tokens slid = Tokens.of(refresh(tokens.refresh()).statusCode(200).extract());
        Instant expiresAt = ((Timestamp) db().row("SELECT expires_at FROM refresh_sessions WHERE id = ?", sid)
                .get("expires_at")).toInstant();
        assertThat(expiresAt).isAfter(Instant.now().plus(Duration.ofDays(29)));

        // a login of 89 days ago: one more day at most, whatever the idle timeout
        db().execute("UPDATE refresh_sessions SET created_at = now() - interval '89 days' WHERE id = ?", sid);
        int expiresIn = refresh(slid.refresh()).statusCode(200).extract().path("refresh_expires_in");
        assertThat(expiresIn).isBetween((int) Duration.ofDays(1).toSeconds() - 60, (int) Duration.ofDays(1).toSeconds());
    }

    @Test
    void anExpiredSessionCannotBeRefreshed() {
        Account account = newAccount("Expired");
        Tokens tokens = login(account.email(), PASSWORD);
        db().execute("UPDATE refresh_sessions SET expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(tokens.sessionId()));

        refresh(tokens.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(tokens.access()).get("/users/me").then().statusCode(401);
    }

    @Test
    void unknownTokensAndOtherGrantsAreOAuthErrors() {
        refresh("not-a-token").statusCode(400).contentType(PROBLEM_JSON).body("error", equalTo("invalid_grant"));
        refresh("A".repeat(43)).statusCode(400).body("error", equalTo("invalid_grant"));
        refresh("A".repeat(2000)).statusCode(400).body("error", equalTo("invalid_grant"));
        refreshJson("A".repeat(43)).statusCode(400).body("error", equalTo("invalid_grant"));
        given().formParam("grant_type", "password").formParam("refresh_token", "x").post("/auth/token")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("error", equalTo("unsupported_grant_type"));
        given().contentType(ContentType.JSON).body("{\"grant_type\": \"authorization_code\", \"refresh_token\": \"x\"}")
                .post("/auth/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    /** RFC 6749, section 5.2: OAuth clients read error; the problem names the fields as everywhere else. */
    @Test
    void aMissingOrMalformedFieldIsInvalidRequestNamingIt() {
        invalidRequest(given().formParam("refresh_token", "x").post("/auth/token"))
                .body("errors.field", contains("grant_type"));
        invalidRequest(given().formParam("grant_type", "refresh_token").post("/auth/token"))
                .body("errors.field", contains("refresh_token"));
        invalidRequest(json("{\"grant_type\": \"refresh_token\"}").post("/auth/token"))
                .body("errors.field", contains("refresh_token"));
        invalidRequest(json("{}").post("/auth/token")).body("errors.field", contains("grant_type"));
        invalidRequest(json("{\"grant_type\": \"refresh_token\", \"refresh_token\": [\"x\"]}").post("/auth/token"))
                .body("errors.field", contains("refresh_token"));
        invalidRequest(json("{\"grant_type\": \"refresh_token\", \"refresh_token\": \"x").post("/auth/token"));
        invalidRequest(json("null").post("/auth/token"));
        invalidRequest(json("").post("/auth/token"));
        invalidRequest(given().formParam("other", "x").post("/auth/logout")).body("errors.field", contains("refresh_token"));
        invalidRequest(json("{}").post("/auth/logout")).body("errors.field", contains("refresh_token"));
        invalidRequest(json("[").post("/auth/logout"));
        given().contentType(ContentType.TEXT).body("refresh_token=x").post("/auth/token")
                .then().statusCode(415).contentType(PROBLEM_JSON);
    }

    private static RequestSpecification json(String body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    private static ValidatableResponse invalidRequest(Response response) {
        return response.then().statusCode(400).contentType(PROBLEM_JSON)
                .body("error", equalTo("invalid_request"))
                .body("status", equalTo(400))
                .body("type", anyOf(startsWith("urn:problem:user-service:"), equalTo("about:blank")));
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
