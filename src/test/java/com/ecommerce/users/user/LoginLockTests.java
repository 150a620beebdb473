package com.ecommerce.users.user;

import static com.ecommerce.users.user.AccountDisableTests.login;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

/** DELETE /users/{id}/login-lock: an admin lifts the login throttle's locks and counts of an account's address. */
@QuarkusTest
class LoginLockTests {

    private static final int LOCK_AFTER = 5;

    @Inject
    DataSource dataSource;

    @Test
    void anAdminLiftsTheLocksOfAnAddressFromEveryClientAndTheOwnerLogsInAtOnce() {
        Account admin = admin();
        Account account = newAccount("Locked out");
        String key = account.email().toLowerCase();
        for (int i = 0; i < LOCK_AFTER; i++) {
            login(account.email(), "guess " + i, "203.0.113.7").statusCode(401);
        }
        login(account.email(), "one more guess", "203.0.113.8").statusCode(401);
        // a lock that would last an hour: only the lift ends it within this test
        db().execute("UPDATE login_throttle SET locked_until = now() + interval '1 hour' WHERE email_key = ?", key);
        login(account.email(), PASSWORD, "203.0.113.7").statusCode(401);
        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key = ?", key))
                .as("two clients and the account-wide count").isEqualTo(3);

        try (LogCapture logs = new LogCapture()) {
            admin.auth().delete("/users/" + account.id() + "/login-lock").then().statusCode(204);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith(
                    "audit login.lock-lifted account=" + account.id() + " actor=" + admin.id()));
        }

        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key = ?", key)).isZero();
        login(account.email(), PASSWORD, "203.0.113.7").statusCode(200);
        admin.auth().delete("/users/" + account.id() + "/login-lock").then().statusCode(204); // nothing locked: 204
    }

    @Test
    void onlyAnAdminLiftsAndOnlyForAnAccountThatExists() {
        Account account = newAccount("Not an admin");
        String key = account.email().toLowerCase();
        login(account.email(), "a guess", "203.0.113.9").statusCode(401);

        account.auth().delete("/users/" + account.id() + "/login-lock").then().statusCode(403).contentType(PROBLEM_JSON);
        given().delete("/users/" + account.id() + "/login-lock").then().statusCode(401).contentType(PROBLEM_JSON);
        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key = ?", key)).isEqualTo(2);

        Account admin = admin();
        admin.auth().delete("/users/2147483647/login-lock").then().statusCode(404).contentType(PROBLEM_JSON);
        admin.auth().delete("/users/not-an-id/login-lock").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
