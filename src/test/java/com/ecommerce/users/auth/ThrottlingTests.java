package com.ecommerce.users.auth;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
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

/**
 * Repeated failures lock an address (5 failures, then 2 s doubling: the defaults), with the very answer of a wrong
 * password; the lock wears off on its own, and guesses made during it do not make it longer.
 */
@QuarkusTest
class ThrottlingTests {

    private static final int LOCK_AFTER = 5;

    @Inject
    DataSource dataSource;

    @Test
    void failuresLockTheAccountThenTheLockWearsOff() {
        Account account = newAccount("Throttled");
        String wrongAnswer = "";
        for (int i = 0; i < LOCK_AFTER; i++) {
            wrongAnswer = login(account.email(), "wrong guess " + i).statusCode(401).extract().asString();
        }
        Map<String, Object> row = db().row("SELECT failures, locked_until FROM login_throttle WHERE email_key = ?",
                account.email().toLowerCase());
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
        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key = ? AND locked_until > now()",
                nobody.toLowerCase())).isEqualTo(1);
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
