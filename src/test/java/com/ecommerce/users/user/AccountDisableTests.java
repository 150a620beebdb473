package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.quote;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * An admin disables an account (PATCH /users/{id} {"disabled": true}): it cannot log in (the very answer of a wrong
 * password, counted as one), refresh, or use its tokens, at once; enabled again, its password logs in again. Also when
 * disabled_at is set in SQL by hand, each of the three checks holds on its own.
 */
@QuarkusTest
class AccountDisableTests {

    @Inject
    DataSource dataSource;

    @Test
    void aDisabledAccountLosesItsTokensAndSessionsAtOnceAndIsAudited() {
        Account admin = admin();
        Account account = newAccount("Disabled");
        Map<String, String> tokens = loginTokens(account.email(), PASSWORD, "198.51.100.1");
        account.auth().get("/users/me").then().statusCode(200); // the status is cached now

        try (LogCapture logs = new LogCapture()) {
            admin.auth().contentType(MERGE_PATCH).body("{\"disabled\": true}").patch("/users/" + account.id())
                    .then().statusCode(200).body("disabled", equalTo(true)).body("disabledAt", notNullValue());
            assertThat(logs.lines()).anyMatch(line -> line.startsWith(
                    "audit account.disabled account=" + account.id() + " actor=" + admin.id()));
        }

        account.auth().get("/users/me").then().statusCode(401);
        given().auth().oauth2(tokens.get("access_token")).get("/users/me").then().statusCode(401);
        refresh(tokens.get("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        assertThat(db().row("SELECT disabled_at FROM users WHERE id = ?", account.id()).get("disabled_at")).isNotNull();
        assertThat(db().count("""
                SELECT count(*) FROM refresh_sessions s JOIN users u ON u.id = s.user_id
                WHERE s.user_id = ? AND s.authenticated_at >= u.password_changed_at""", account.id()))
                .as("no session of the account lives on").isZero();
        admin.auth().get("/users/" + account.id()).then().statusCode(200).body("disabled", equalTo(true));
        admin.auth().queryParam("email", account.email()).get("/users").then().statusCode(200)
                .body("items[0].disabled", equalTo(true)).body("items[0].disabledAt", notNullValue());
    }

    @Test
    void aDisabledAccountsLoginIsAnsweredAndCountedAsAWrongPassword() {
        Account admin = admin();
        Account account = newAccount("Refused login");
        String client = "198.51.100.2";
        disable(admin, account.id(), true).statusCode(200);

        ExtractableResponse<Response> wrong = login(account.email(), "a wrong password", client).statusCode(401).extract();
        ExtractableResponse<Response> right;
        try (LogCapture logs = new LogCapture()) {
            right = login(account.email(), PASSWORD, client).statusCode(401).extract();
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("audit login.failed account=" + account.id())
                    && line.endsWith("account disabled"));
        }

        assertThat(right.asString()).isEqualTo(wrong.asString());
        assertThat(right.contentType()).isEqualTo(wrong.contentType()).isEqualTo(PROBLEM_JSON);
        assertThat(right.header("WWW-Authenticate")).isEqualTo(wrong.header("WWW-Authenticate"));
        assertThat(db().row("SELECT failures FROM login_throttle WHERE email_key = ? AND client = ?",
                account.email().toLowerCase(), client).get("failures")).as("both attempts counted").isEqualTo(2);
    }

    @Test
    void enabledAgainItsPasswordLogsInButItsOldSessionsStayEnded() {
        Account admin = admin();
        Account account = newAccount("Enabled again");
        Map<String, String> before = loginTokens(account.email(), PASSWORD, "198.51.100.3");
        disable(admin, account.id(), true).statusCode(200);

        try (LogCapture logs = new LogCapture()) {
            disable(admin, account.id(), false).statusCode(200).body("disabled", equalTo(false))
                    .body("disabledAt", nullValue());
            assertThat(logs.lines()).anyMatch(line -> line.startsWith(
                    "audit account.enabled account=" + account.id() + " actor=" + admin.id()));
        }

        assertThat(db().row("SELECT disabled_at FROM users WHERE id = ?", account.id()).get("disabled_at")).isNull();
        Map<String, String> after = loginTokens(account.email(), PASSWORD, "198.51.100.3");
        given().auth().oauth2(after.get("access_token")).get("/users/me").then().statusCode(200);
        given().auth().oauth2(before.get("access_token")).get("/users/me").then().statusCode(401);
        refresh(before.get("refresh_token")).statusCode(400);
    }

    @Test
    void onlyAnAdminDisablesOrEnables() {
        Account account = newAccount("Not an admin");
        Account other = newAccount("Other");
        account.auth().contentType(MERGE_PATCH).body("{\"disabled\": false}").patch("/users/me")
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:forbidden-change"));
        account.auth().contentType(MERGE_PATCH).body("{\"disabled\": true}").patch("/users/" + account.id())
                .then().statusCode(403);
        account.auth().contentType(MERGE_PATCH).body("{\"disabled\": true}").patch("/users/" + other.id())
                .then().statusCode(404);
        given().contentType(MERGE_PATCH).body("{\"disabled\": true}").patch("/users/" + other.id()).then().statusCode(401);
        assertThat(db().count("SELECT count(*) FROM users WHERE id IN (?, ?) AND disabled_at IS NOT NULL",
                account.id(), other.id())).isZero();
        other.auth().get("/users/me").then().statusCode(200).body("disabled", equalTo(false));
    }

    @Test
    void disabledMustBeABoolean() {
        Account admin = admin();
        Account account = newAccount("Strict");
        for (String body : new String[] { "{\"disabled\": null}", "{\"disabled\": \"true\"}", "{\"disabled\": 1}" }) {
            admin.auth().contentType(MERGE_PATCH).body(body).patch("/users/" + account.id())
                    .then().statusCode(400).contentType(PROBLEM_JSON);
        }
        disable(admin, account.id(), false).statusCode(200).body("disabled", equalTo(false)); // enabled already: no-op
    }

    @Test
    void anAccountDisabledInSqlCannotLogInRefreshOrUseItsTokens() {
        Account account = newAccount("Disabled by hand");
        Map<String, String> tokens = loginTokens(account.email(), PASSWORD, "198.51.100.4");
        given().auth().oauth2(tokens.get("access_token")).get("/users/me").then().statusCode(200);

        // no cut-off moved, no session ended: only the flag, as an operator might set it
        db().execute("UPDATE users SET disabled_at = now() WHERE id = ?", account.id());

        await("the token refused once the change is announced").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> given().auth().oauth2(tokens.get("access_token")).get("/users/me").statusCode() == 401);
        refresh(tokens.get("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        login(account.email(), PASSWORD, "198.51.100.4").statusCode(401);
    }

    private static ValidatableResponse disable(Account admin, int id, boolean disabled) {
        return admin.auth().contentType(MERGE_PATCH).body("{\"disabled\": " + disabled + "}").patch("/users/" + id).then();
    }

    static ValidatableResponse login(String email, String password, String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"email\": %s, \"password\": %s}".formatted(quote(email), quote(password)))
                .post("/auth/login").then();
    }

    private static Map<String, String> loginTokens(String email, String password, String client) {
        ExtractableResponse<Response> answer = login(email, password, client).statusCode(200).extract();
        return Map.of("access_token", answer.path("access_token"), "refresh_token", answer.path("refresh_token"));
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return given().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .post("/auth/token").then();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
