package com.ecommerce.users.login;

import static com.ecommerce.users.login.ThrottlingTests.loginFrom;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The throttle against an attacker: simultaneous guesses, a flood from one address, guesses spread over many. The
 * first lock lasts a minute here, not 2 s, so that a slow machine cannot let it wear off halfway through an attack
 * and turn what the tests count into a race with the clock.
 */
@QuarkusTest
@TestProfile(ThrottlingUnderAttackTests.LongLocks.class)
class ThrottlingUnderAttackTests {

    private static final int LOCK_AFTER = 5;
    private static final String LOCAL = "127.0.0.1";

    public static class LongLocks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("users.login.throttle.first-lock", "1m");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Test
    void simultaneousGuessesGetNoMoreEvaluationsThanTheThreshold() throws Exception {
        Account account = newAccount("Besieged");
        double evaluatedBefore = checks("matched") + checks("mismatched");
        double throttledBefore = checks("throttled");

        List<Integer> statuses = Simultaneously.run(50,
                i -> login(account.email(), "simultaneous guess " + i).extract().statusCode());

        assertThat(statuses).as("one answer for all").containsOnly(401);
        assertThat(checks("matched") + checks("mismatched") - evaluatedBefore).as("passwords hashed and compared")
                .isEqualTo(LOCK_AFTER);
        assertThat(checks("throttled") - throttledBefore).as("refused without a hash").isEqualTo(50 - LOCK_AFTER);
        assertThat(db().row("SELECT failures FROM login_throttle WHERE email_key = ? AND client = ?",
                account.email().toLowerCase(), LOCAL).get("failures")).isEqualTo(LOCK_AFTER);
    }

    @Test
    void guessesFromOneAddressDoNotLockTheOwnerOutFromAnother() throws Exception {
        Account account = newAccount("Targeted");
        List<Integer> statuses = Simultaneously.run(20, thread -> {
            for (int i = 0; i < 5; i++) {
                loginFrom("203.0.113.7", account.email(), "attacker guess " + thread + "/" + i).statusCode(401);
            }
            return 401;
        });
        assertThat(statuses).hasSize(20); // 100 guesses, all refused
        assertThat(db().row("SELECT locked_until FROM login_throttle WHERE email_key = ? AND client = ?",
                account.email().toLowerCase(), "203.0.113.7").get("locked_until")).as("the attacker's address").isNotNull();

        loginFrom("198.51.100.2", account.email(), PASSWORD).statusCode(200);
        loginFrom("203.0.113.7", account.email(), PASSWORD).statusCode(401); // still locked for the attacker's address
    }

    @Test
    void guessesSpreadOverManyAddressesLockTheAccountForEverybody() {
        Account account = newAccount("Distributed");
        for (int i = 0; i < 50; i++) { // users.login.throttle.account-lock-after-failures
            loginFrom("192.0.2." + (i + 1), account.email(), "botnet guess " + i).statusCode(401);
        }
        loginFrom("198.51.100.99", account.email(), PASSWORD).statusCode(401); // the account-wide ceiling
        assertThat(db().row("SELECT locked_until FROM login_throttle WHERE email_key = ? AND client = '*'",
                account.email().toLowerCase()).get("locked_until")).isNotNull();
    }

    private double checks(String outcome) {
        return metrics.counter("users.password.checks", "outcome", outcome).count();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
