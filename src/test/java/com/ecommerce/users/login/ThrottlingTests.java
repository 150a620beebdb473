package com.ecommerce.users.login;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Repeated failures lock an (address, client) pair (5 failures, then 2 s doubling: the defaults), with the very answer
 * of a wrong password; the lock wears off on its own, guesses made during it do not make it longer, simultaneous
 * guesses cannot slip past it (ThrottlingUnderAttackTests). The test profile trusts one proxy hop, so X-Forwarded-For
 * plays the client's address; without it the client is the socket's peer, 127.0.0.1.
 */
@QuarkusTest
class ThrottlingTests {

    private static final int LOCK_AFTER = 5;
    private static final String LOCAL = "127.0.0.1";

    @Inject
    DataSource dataSource;

    @Test
    void failuresLockTheAccountThenTheLockWearsOff() {
        Account account = newAccount("Throttled");
        String wrongAnswer = "";
        for (int i = 0; i < LOCK_AFTER; i++) {
            wrongAnswer = login(account.email(), "wrong guess " + i).statusCode(401).extract().asString();
        }
        Map<String, Object> row = db().row(
                "SELECT failures, locked_until FROM login_throttle WHERE email_key = ? AND client = ?",
                account.email().toLowerCase(), LOCAL);
        assertThat(row.get("failures")).isEqualTo(LOCK_AFTER);
        assertThat(row.get("locked_until")).as("kept in PostgreSQL, for every replica").isNotNull();

        String lockedAnswer = login(account.email(), PASSWORD).statusCode(401).extract().asString();
        assertThat(lockedAnswer).as("a locked account looks like a wrong password").isEqualTo(wrongAnswer);

        // guesses during the lock are refused uncounted: with them counted the lock would reach 2+4+8+16 s
        for (int i = 0; i < 4; i++) {
            login(account.email(), "guess during the lock " + i).statusCode(401);
        }
        await("the lock of the first threshold (2 s) wears off").atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(250))
                .until(() -> login(account.email(), PASSWORD).extract().statusCode() == 200);

        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key = ?", account.email().toLowerCase()))
                .as("a successful login starts afresh").isZero();
    }

    @Test
    void unknownAddressesAreThrottledAlike() {
        String nobody = uniqueEmail();
        for (int i = 0; i < LOCK_AFTER; i++) {
            login(nobody, "guess " + i).statusCode(401);
        }
        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key = ? AND client = ? AND locked_until > now()",
                nobody.toLowerCase(), LOCAL)).isEqualTo(1);
    }

    @Test
    void theClientIsTheAddressTheTrustedProxyAppended() {
        String nobody = uniqueEmail();
        given().header("X-Forwarded-For", "10.9.9.9, 203.0.113.50").contentType(ContentType.JSON)
                .body("{\"email\": \"%s\", \"password\": \"guess\"}".formatted(nobody))
                .post("/auth/login").then().statusCode(401);
        assertThat(db().rows("SELECT client FROM login_throttle WHERE email_key = ? ORDER BY client", nobody.toLowerCase()))
                .as("the left entry is the client's own claim, never used")
                .extracting(row -> row.get("client")).containsExactly("*", "203.0.113.50");

        given().header("X-Forwarded-For", "203.0.113.50, not-an-address").contentType(ContentType.JSON)
                .body("{\"email\": \"%s\", \"password\": \"guess\"}".formatted(nobody))
                .post("/auth/login").then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void failedLoginsAreAnsweredNoEarlierThanTheFloorLockedOnesIncluded() {
        String nobody = uniqueEmail();
        Duration floor = Duration.ofMillis(100); // %test.users.login.failure-floor
        for (int i = 0; i < LOCK_AFTER + 3; i++) { // unknown address, then locked
            long started = System.nanoTime();
            login(nobody, "guess " + i).statusCode(401);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("attempt %d", i).isGreaterThanOrEqualTo(floor);
        }
    }

    static ValidatableResponse loginFrom(String client, String email, String password) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password))
                .when().post("/auth/login").then();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
