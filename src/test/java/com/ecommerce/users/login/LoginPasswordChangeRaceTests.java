package com.ecommerce.users.login;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.password.Argon2Hash;
import com.ecommerce.users.password.BouncyCastleArgon2;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Logins with the old password racing the account's own password change: afterwards only the new password works, and
 * no token obtained with the old one outlives the change, whether or not the logins also upgrade an outdated hash.
 * Logins racing each other to upgrade a hash all succeed.
 */
@Slow
@QuarkusTest
class LoginPasswordChangeRaceTests {

    private static final int LOGIN_THREADS = 6;
    private static final int MAX_LOGINS_PER_THREAD = 30;
    private static final int ROUNDS = 3;
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final Pattern ARGON2ID_PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=\\d+,t=\\d+,p=\\d+\\$[A-Za-z0-9+/]{22,}\\$[A-Za-z0-9+/]{43,}");

    @Inject
    DataSource dataSource;

    @Inject
    PasswordHasher passwords;

    @Test
    void loginsWithTheOldPasswordDuringAChangeLeaveOnlyTheNewOneAndNoTokenOfTheOld() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Account account = newAccount("Racer " + round);
            race(account);
        }
    }

    @Test
    void loginsThatUpgradeAnOutdatedHashDuringAChangeNeverBringTheOldPasswordBack() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Account account = newAccount("Upgrader " + round);
            // an outdated hash of the same password, as an older configuration wrote it: every login upgrades it
            String outdated = outdatedHash(PASSWORD);
            assertThat(passwords.needsRehash(outdated)).isTrue();
            assertThat(db().execute("UPDATE users SET password = ? WHERE id = ?", outdated, account.id())).isEqualTo(1);

            race(account);
            assertThat(passwords.needsRehash(storedHash(account))).as("the hash the change wrote").isFalse();
        }
    }

    @Test
    void simultaneousLoginsThatAllUpgradeTheSameOutdatedHashAllSucceed() throws Exception {
        Account account = newAccount("Many devices");
        assertThat(db().execute("UPDATE users SET password = ? WHERE id = ?", outdatedHash(PASSWORD), account.id())).isEqualTo(1);

        // one upgrade wins; the others find the hash replaced, but not the password, and log in all the same. Each
        // device on a network of its own: from one address, attempts beyond the throttle's threshold that are in flight
        // together are refused before their outcome is known (ThrottlingTests)
        List<Integer> statuses = Simultaneously.run(LOGIN_THREADS,
                i -> ThrottlingTests.loginFrom("198.51.100." + (i + 1), account.email(), PASSWORD).extract().statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(passwords.needsRehash(storedHash(account))).isFalse();
        assertThat(passwords.verify(PASSWORD, storedHash(account))).isTrue();
    }

    private void race(Account account) throws Exception {
        // each login thread keeps logging in with the old password until the change shows, so that logins are in
        // flight at every moment of it
        List<List<Response>> attempts = Simultaneously.run(LOGIN_THREADS + 1, i -> i == 0
                // from a device of its own: attempts from one address beyond the throttle's threshold in flight together
                // are refused, whatever their outcome would be (ThrottlingTests)
                ? List.of(account.auth().header("X-Forwarded-For", "192.0.2.200").contentType(ContentType.JSON)
                        .body("{\"currentPassword\": \"%s\", \"newPassword\": \"%s\"}".formatted(PASSWORD, NEW_PASSWORD))
                        .put("/users/me/password"))
                : loginUntilRefused(account));
        List<Response> responses = attempts.stream().flatMap(List::stream).toList();

        assertThat(responses.getFirst().statusCode()).as("the password change").isEqualTo(204);
        List<Response> logins = responses.subList(1, responses.size());
        assertThat(logins).extracting(Response::statusCode).as("logins with the old password").isSubsetOf(200, 401);
        assertThat(attempts.subList(1, attempts.size())).as("every login thread ends refused")
                .allSatisfy(thread -> assertThat(thread.getLast().statusCode()).isEqualTo(401));

        // the stored hash is a well-formed Argon2id hash of exactly the new password
        String stored = storedHash(account);
        assertThat(stored).matches(ARGON2ID_PHC);
        assertThat(passwords.verify(NEW_PASSWORD, stored)).as("new password verifies").isTrue();
        assertThat(passwords.verify(PASSWORD, stored)).as("old password verifies").isFalse();

        // a login that won with the old password got a token the change revokes (iat before password_changed_at)
        long cutOff = db().tokenCutOff(account.id());
        List<String> survivors = new ArrayList<>();
        for (Response won : logins.stream().filter(r -> r.statusCode() == 200).toList()) {
            String token = won.path("access_token");
            int status = given().auth().oauth2(token).get("/users/me").statusCode();
            if (status != 401) {
                survivors.add("iat " + Jwts.claims(token).get("iat") + " >= cut-off " + cutOff + ": " + status);
            }
        }
        assertThat(survivors).as("tokens of the old password still accepted after the change").isEmpty();
        System.out.printf("[LoginPasswordChangeRaceTests] %s: logins with the old password %s%n", account.email(),
                logins.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting())));

        // failed guesses with the old password may have locked the address; that is the throttle's business
        db().execute("DELETE FROM login_throttle WHERE email_key = ?", account.email().toLowerCase(Locale.ROOT));
        login(account.email(), NEW_PASSWORD).statusCode(200);
        login(account.email(), PASSWORD).statusCode(401);
    }

    private static List<Response> loginUntilRefused(Account account) {
        List<Response> responses = new ArrayList<>();
        do {
            responses.add(login(account.email(), PASSWORD).extract().response());
        } while (responses.getLast().statusCode() == 200 && responses.size() < MAX_LOGINS_PER_THREAD);
        return responses;
    }

    private String storedHash(Account account) {
        return (String) db().user(account.id()).get("password");
    }

    /** Argon2id at 8 MiB and one pass, below the configured 19 MiB and two passes. */
    private static String outdatedHash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2Hash params = new Argon2Hash(Argon2Hash.Type.ARGON2ID, Argon2Hash.VERSION_13, 8192, 1, 1, salt, new byte[32]);
        byte[] digest = new BouncyCastleArgon2().compute(params, password.getBytes(StandardCharsets.UTF_8));
        return new Argon2Hash(params.type(), params.version(), 8192, 1, 1, salt, digest).toString();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
