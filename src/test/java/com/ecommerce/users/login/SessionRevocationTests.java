package com.ecommerce.users.login;

import static com.ecommerce.users.login.SessionApi.assertEnded;
import static com.ecommerce.users.login.SessionApi.login;
import static com.ecommerce.users.login.SessionApi.refresh;
import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.reset;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.login.SessionApi.Tokens;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every trigger that ends all of an account's sessions: each of its devices' refresh tokens and access tokens stop
 * working at once, and another account's session goes on. (A cut-off moved in SQL: SessionLifecycleTests and
 * AccountCacheTests.)
 */
@QuarkusTest
class SessionRevocationTests {

    @Inject
    DataSource dataSource;

    @Test
    void aPasswordChangeEndsEverySession() {
        Devices devices = revokedBy(account -> given().auth().oauth2(account.phone().access())
                .contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"another passphrase\"}".formatted(PASSWORD))
                .put("/users/me/password").then().statusCode(204));

        Tokens fresh = login(devices.account().email(), "another passphrase");
        given().auth().oauth2(fresh.access()).get("/users/me/sessions").then().statusCode(200)
                .body("items.id", contains(fresh.sessionId()));
    }

    @Test
    void anAdminSettingThePasswordEndsEverySession() {
        revokedBy(devices -> admin().auth().contentType(MERGE_PATCH).body("{\"password\": \"set by the admin\"}")
                .patch("/users/" + devices.account().id()).then().statusCode(200));
    }

    @Test
    void aPasswordResetByMailEndsEverySession() {
        Devices devices = revokedBy(account -> {
            requestRecovery(account.account().email(), uniqueClient()).statusCode(202);
            reset(awaitResetToken(account.account().email(), 1), "a recovered passphrase").statusCode(204);
        });

        refresh(login(devices.account().email(), "a recovered passphrase").refresh()).statusCode(200);
    }

    @Test
    void anEmailChangeEndsEverySession() {
        revokedBy(devices -> given().auth().oauth2(devices.phone().access()).contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(uniqueEmail(), PASSWORD))
                .patch("/users/me").then().statusCode(200));
    }

    @Test
    void anAdminChangingTheEmailEndsEverySession() {
        revokedBy(devices -> admin().auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\"}".formatted(uniqueEmail()))
                .patch("/users/" + devices.account().id()).then().statusCode(200));
    }

    @Test
    void aDeletionByTheAccountTakesEverySessionWithIt() {
        Devices devices = revokedBy(account -> given().auth().oauth2(account.phone().access())
                .delete("/users/me").then().statusCode(204));

        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE user_id = ?", devices.account().id()))
                .isZero();
    }

    @Test
    void aDeletionByAnAdminTakesEverySessionWithIt() {
        Devices devices = revokedBy(account -> admin().auth().delete("/users/" + account.account().id())
                .then().statusCode(204));

        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE user_id = ?", devices.account().id()))
                .isZero();
    }

    /** An account logged in on two devices, and what they were given. */
    record Devices(Account account, Tokens phone, Tokens laptop) {
    }

    /**
     * Logs an account in on two devices and another account on one, runs {@code trigger}, and checks that both
     * devices' refresh and access tokens are refused and the other account's session still works.
     */
    private Devices revokedBy(Consumer<Devices> trigger) {
        Account account = newAccount("Revoked");
        Devices devices = new Devices(account, login(account.email(), PASSWORD), login(account.email(), PASSWORD));
        Account other = newAccount("Bystander");
        Tokens bystander = login(other.email(), PASSWORD);

        trigger.accept(devices);

        for (Tokens device : new Tokens[] { devices.phone(), devices.laptop() }) {
            assertEnded(device);
        }
        given().auth().oauth2(bystander.access()).get("/users/me").then().statusCode(200);
        refresh(bystander.refresh()).statusCode(200);
        return devices;
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
