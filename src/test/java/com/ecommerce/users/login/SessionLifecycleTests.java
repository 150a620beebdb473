package com.ecommerce.users.login;

import static com.ecommerce.users.login.SessionApi.assertEnded;
import static com.ecommerce.users.login.SessionApi.login;
import static com.ecommerce.users.login.SessionApi.logout;
import static com.ecommerce.users.login.SessionApi.refresh;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.login.SessionApi.Tokens;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Logout, the session list, and the purge. Ending a session stops its refresh and access tokens at once; what ends all
 * of an account's sessions: SessionRevocationTests.
 */
@QuarkusTest
class SessionLifecycleTests {

    @Inject
    DataSource dataSource;

    @Inject
    SessionPurge purge;

    @Test
    void logoutEndsTheSessionItsRefreshTokenAndItsAccessTokens() {
        Account account = newAccount("Logout");
        Tokens phone = login(account.email(), PASSWORD);
        Tokens laptop = login(account.email(), PASSWORD);

        logout(phone.refresh()).statusCode(204);

        assertEnded(phone);
        given().auth().oauth2(laptop.access()).get("/users/me").then().statusCode(200);
        refresh(laptop.refresh()).statusCode(200);
    }

    @Test
    void logoutAcceptsJsonAndAnswersAnUnknownTokenAlike() {
        Account account = newAccount("Logout JSON");
        Tokens tokens = login(account.email(), PASSWORD);

        given().contentType(ContentType.JSON).body("{\"refresh_token\": \"%s\"}".formatted(tokens.refresh()))
                .post("/auth/logout").then().statusCode(204);
        refresh(tokens.refresh()).statusCode(400);
        logout(tokens.refresh()).statusCode(204);
        logout("not-a-token").statusCode(204);
        given().formParam("other", "x").post("/auth/logout").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("refresh_token"));
    }

    @Test
    void theSessionListShowsTheCallersLiveSessionsAndEndsOne() {
        String email = uniqueEmail();
        register("Devices", email, PASSWORD).statusCode(201);
        Tokens phone = login(email, PASSWORD, "Phone/1.0");
        Tokens laptop = login(email, PASSWORD, "Laptop/2.0");
        Tokens gone = login(email, PASSWORD, "Gone/3.0");
        logout(gone.refresh()).statusCode(204);

        given().auth().oauth2(laptop.access()).get("/users/me/sessions").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].keySet()", containsInAnyOrder("id", "createdAt", "lastUsedAt", "expiresAt",
                        "userAgent", "client", "current")) // no token, no digest
                .body("items[0].createdAt", notNullValue())
                .body("items[0].lastUsedAt", notNullValue())
                .body("items[0].id", equalTo(laptop.sessionId()))
                .body("items[0].userAgent", equalTo("Laptop/2.0"))
                .body("items[0].current", equalTo(true))
                .body("items[0].client", equalTo("127.0.0.1"))
                .body("items[1].id", equalTo(phone.sessionId()))
                .body("items[1].current", equalTo(false));

        given().auth().oauth2(laptop.access()).delete("/users/me/sessions/" + phone.sessionId()).then().statusCode(204);

        refresh(phone.refresh()).statusCode(400);
        given().auth().oauth2(phone.access()).get("/users/me").then().statusCode(401);
        given().auth().oauth2(laptop.access()).get("/users/me/sessions").then().statusCode(200)
                .body("items", hasSize(1));
        given().auth().oauth2(laptop.access()).delete("/users/me/sessions/" + phone.sessionId()).then()
                .statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(laptop.access()).delete("/users/me/sessions/not-a-uuid").then().statusCode(404)
                .contentType(PROBLEM_JSON); // as /users/not-a-number: a path that names no resource
    }

    @Test
    void nobodyEndsOrSeesAnotherAccountsSession() {
        Account owner = newAccount("Owner");
        Account other = newAccount("Other");
        Tokens owners = login(owner.email(), PASSWORD);

        other.auth().delete("/users/me/sessions/" + owners.sessionId()).then().statusCode(404);
        other.auth().get("/users/me/sessions").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(owners.sessionId())));
        refresh(owners.refresh()).statusCode(200);
        given().get("/users/me/sessions").then().statusCode(401);
    }

    @Test
    void aChangeMadeInSqlEndsTheSessionsToo() {
        Account account = newAccount("SQL");
        Tokens session = login(account.email(), PASSWORD);

        db().execute("UPDATE users SET password_changed_at = now() + interval '1 second' WHERE id = ?", account.id());

        refresh(session.refresh()).statusCode(400);
    }

    @Test
    void thePurgeDropsExpiredAndRevokedSessionsAndOldRotatedTokensOnly() {
        String email = uniqueEmail();
        int id = register("Purge", email, PASSWORD).statusCode(201).extract().path("id");
        Tokens expired = login(email, PASSWORD);
        Tokens live = login(email, PASSWORD);
        Tokens rotatedLongAgo = login(email, PASSWORD);
        Tokens current = Tokens.of(refresh(rotatedLongAgo.refresh()).statusCode(200).extract());
        Account revoked = newAccount("Purge, revoked");
        login(revoked.email(), PASSWORD);
        db().execute("UPDATE users SET password_changed_at = greatest(now(), password_changed_at) + interval '1 second' "
                + "WHERE id = ?", revoked.id()); // as a password change does: the sessions end, their rows stay
        db().execute("UPDATE refresh_sessions SET expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(expired.sessionId()));
        db().execute("UPDATE refresh_tokens SET issued_at = now() - interval '31 days' WHERE session_id = ? "
                + "AND rotated_at IS NOT NULL", UUID.fromString(rotatedLongAgo.sessionId()));

        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE user_id = ?", revoked.id())).isEqualTo(2);

        assertThat(purge.purge(java.time.Instant.now())).isGreaterThanOrEqualTo(4);

        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE user_id = ?", revoked.id())).isZero();

        List<UUID> left = db().rows("SELECT id FROM refresh_sessions WHERE user_id = ?", id).stream()
                .map(row -> (UUID) row.get("id")).toList();
        assertThat(left).containsExactlyInAnyOrder(UUID.fromString(live.sessionId()),
                UUID.fromString(rotatedLongAgo.sessionId()));
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?",
                UUID.fromString(rotatedLongAgo.sessionId()))).as("only the current token").isEqualTo(1);
        refresh(live.refresh()).statusCode(200);
        refresh(current.refresh()).statusCode(200);
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
