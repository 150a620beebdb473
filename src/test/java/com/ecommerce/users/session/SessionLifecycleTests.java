package com.ecommerce.users.session;

import static com.ecommerce.users.session.SessionApi.login;
import static com.ecommerce.users.session.SessionApi.logout;
import static com.ecommerce.users.session.SessionApi.refresh;
import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.reset;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.session.SessionApi.Tokens;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Logout, the session list, and everything else that ends sessions: their refresh and access tokens stop at once. */
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

        refresh(phone.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(phone.access()).get("/users/me").then().statusCode(401);
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
        given().auth().oauth2(laptop.access()).delete("/users/me/sessions/not-a-uuid").then().statusCode(404);
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
    void aPasswordChangeEndsEverySessionOfTheAccount() {
        Account account = newAccount("Password");
        Tokens session = login(account.email(), PASSWORD);

        given().auth().oauth2(session.access()).contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"another passphrase\"}".formatted(PASSWORD))
                .put("/users/me/password").then().statusCode(204);

        refresh(session.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        Tokens fresh = login(account.email(), "another passphrase");
        refresh(fresh.refresh()).statusCode(200);
    }

    @Test
    void anAdminSettingAPasswordEndsTheAccountsSessions() {
        Account account = newAccount("Reset by admin");
        Tokens session = login(account.email(), PASSWORD);

        admin().auth().contentType(MERGE_PATCH).body("{\"password\": \"set by the admin\"}")
                .patch("/users/" + account.id()).then().statusCode(200);

        refresh(session.refresh()).statusCode(400);
    }

    @Test
    void aPasswordResetEndsEverySessionOfTheAccount() {
        Account account = newAccount("Reset by mail");
        Tokens session = login(account.email(), PASSWORD);

        requestRecovery(account.email(), uniqueClient()).statusCode(202);
        reset(awaitResetToken(account.email(), 1), "a recovered passphrase").statusCode(204);

        refresh(session.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(session.access()).get("/users/me").then().statusCode(401);
        refresh(login(account.email(), "a recovered passphrase").refresh()).statusCode(200);
    }

    @Test
    void anEmailChangeEndsEverySessionOfTheAccount() {
        Account account = newAccount("Email");
        Tokens session = login(account.email(), PASSWORD);

        given().auth().oauth2(session.access()).contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(uniqueEmail(), PASSWORD))
                .patch("/users/me").then().statusCode(200);

        refresh(session.refresh()).statusCode(400);
    }

    @Test
    void aDeletionTakesTheSessionsWithTheAccount() {
        Account account = newAccount("Deleted");
        Tokens session = login(account.email(), PASSWORD);

        given().auth().oauth2(session.access()).delete("/users/me").then().statusCode(204);

        refresh(session.refresh()).statusCode(400);
        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE user_id = ?", account.id())).isZero();
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
        db().execute("UPDATE refresh_sessions SET expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(expired.sessionId()));
        db().execute("UPDATE refresh_tokens SET issued_at = now() - interval '31 days' WHERE session_id = ? "
                + "AND rotated_at IS NOT NULL", UUID.fromString(rotatedLongAgo.sessionId()));

        assertThat(purge.purge(java.time.Instant.now())).isGreaterThanOrEqualTo(2);

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
