package com.ecommerce.users.mfa;

import static com.ecommerce.users.mfa.MfaApi.confirm;
import static com.ecommerce.users.mfa.MfaApi.enable;
import static com.ecommerce.users.mfa.MfaApi.enrol;
import static com.ecommerce.users.mfa.MfaApi.firstStep;
import static com.ecommerce.users.mfa.MfaApi.mfaToken;
import static com.ecommerce.users.mfa.MfaApi.secondStep;
import static com.ecommerce.users.mfa.MfaApi.secondStepWithRecoveryCode;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Enrolment, confirmation and the login in two steps, with the clock pinned to a time step. */
@QuarkusTest
class MfaLoginTests {

    @Inject
    MovableTotpClock clock;

    @Inject
    DataSource dataSource;

    @Inject
    TotpSecretCipher cipher;

    long step;

    @BeforeEach
    void pin() {
        step = clock.pinMidStep();
    }

    @AfterEach
    void release() {
        clock.release();
    }

    @Test
    void enrolmentHandsOutWhatAnAppReadsAndChangesNothingUntilConfirmed() {
        Account account = newAccount("Enrolling");
        enrol(account, "not my password").statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:wrong-password"));
        ExtractableResponse<Response> first = enrol(account, PASSWORD).statusCode(200).extract();
        String secret = first.path("secret");
        assertThat(Rfc6238.base32(secret)).hasSize(20); // 160 bits
        assertThat((String) first.path("otpauthUri")).startsWith("otpauth://totp/user-service:")
                .contains("secret=" + secret, "issuer=user-service", "algorithm=SHA1", "digits=6", "period=30");
        String qr = first.path("qrCode");
        assertThat(qr).startsWith("data:image/svg+xml;base64,");
        assertThat(new String(Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1)), StandardCharsets.UTF_8))
                .startsWith("<svg").contains("<path d=\"M");

        UserApi.login(account.email(), PASSWORD).statusCode(200); // pending: login unchanged
        account.auth().get("/users/me").then().statusCode(200).body("mfa", emptyIterable());

        String second = enrol(account, PASSWORD).statusCode(200).extract().path("secret");
        assertThat(second).isNotEqualTo(secret);
        confirm(account, Rfc6238.code(Rfc6238.base32(secret), step)).statusCode(403) // replaced
                .body("type", equalTo("urn:problem:user-service:wrong-mfa-code"));
        List<String> codes = confirm(account, Rfc6238.code(Rfc6238.base32(second), step)).statusCode(200)
                .body("recoveryCodes", hasSize(10))
                .body("recoveryCodes[0]", matchesPattern("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}"))
                .extract().path("recoveryCodes");
        assertThat(codes).doesNotHaveDuplicates();
        account.auth().get("/users/me").then().statusCode(200).body("mfa", contains("totp"));
        enrol(account, PASSWORD).statusCode(409).body("type", equalTo("urn:problem:user-service:mfa-already-enabled"));
    }

    @Test
    void loginTakesTwoStepsAndTheTokensCarryAmrAcrossRefreshes() {
        Account account = newAccount("Two steps");
        MfaApi.Enabled enabled = enable(account, step);
        clock.pinStep(step + 1);

        String token = firstStep(account.email(), PASSWORD).statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:problem:user-service:mfa-required"))
                .body("error", equalTo("mfa_required"))
                .body("access_token", equalTo(null))
                .extract().path("mfa_token");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");

        ExtractableResponse<Response> tokens = secondStep(token, Rfc6238.code(enabled.secret(), step + 1))
                .statusCode(200).body("token_type", equalTo("bearer")).extract();
        String access = tokens.path("access_token");
        assertThat(Jwts.claims(access).get("amr")).isEqualTo(List.of("pwd", "otp"));
        given().auth().oauth2(access).get("/users/me").then().statusCode(200).body("mfa", contains("totp"));

        String refreshed = given().formParam("grant_type", "refresh_token")
                .formParam("refresh_token", (String) tokens.path("refresh_token"))
                .post("/auth/token").then().statusCode(200).extract().path("access_token");
        assertThat(Jwts.claims(refreshed).get("amr")).isEqualTo(List.of("pwd", "otp"));

        secondStep(token, Rfc6238.code(enabled.secret(), step + 1)).statusCode(401) // used once
                .body("type", equalTo("urn:problem:user-service:invalid-mfa-token"));
        // the password grant form answers the same
        given().formParam("grant_type", "password").formParam("username", account.email()).formParam("password", PASSWORD)
                .post("/auth/login").then().statusCode(401).body("error", equalTo("mfa_required"));

        Account plain = newAccount("One step");
        assertThat(Jwts.claims(plain.token()).get("amr")).isEqualTo(List.of("pwd"));
    }

    @Test
    void aWrongPasswordAnswersAlikeWithOrWithoutASecondFactor() {
        Account withFactor = newAccount("With factor");
        enable(withFactor, step);
        Account without = newAccount("Without factor");

        Map<String, Object> a = firstStep(withFactor.email(), "wrong password").statusCode(401).extract().as(Map.class);
        Map<String, Object> b = firstStep(without.email(), "wrong password").statusCode(401).extract().as(Map.class);
        Map<String, Object> c = firstStep(uniqueEmail(), "wrong password").statusCode(401).extract().as(Map.class);
        assertThat(a).isEqualTo(b).isEqualTo(c).doesNotContainKey("mfa_token").doesNotContainKey("error");
    }

    @Test
    void aCodeWorksOnceAndOneStepOfSkewEitherWay() {
        Account account = newAccount("Replay");
        MfaApi.Enabled enabled = enable(account, step);
        // the confirmation's code is used: not again
        secondStep(mfaToken(account.email(), PASSWORD), Rfc6238.code(enabled.secret(), step)).statusCode(401)
                .body("type", equalTo("urn:problem:user-service:wrong-mfa-code"));

        clock.pinStep(step + 10);
        String token = mfaToken(account.email(), PASSWORD);
        secondStep(token, Rfc6238.code(enabled.secret(), step + 8)).statusCode(401); // two steps behind
        secondStep(token, Rfc6238.code(enabled.secret(), step + 12)).statusCode(401); // two steps ahead
        secondStep(token, Rfc6238.code(enabled.secret(), step + 9)).statusCode(200); // one behind
        // a code of an earlier step than the last one used is refused, even inside the window
        secondStep(mfaToken(account.email(), PASSWORD), Rfc6238.code(enabled.secret(), step + 9)).statusCode(401);
        secondStep(mfaToken(account.email(), PASSWORD), Rfc6238.code(enabled.secret(), step + 11)).statusCode(200); // one ahead
        secondStep(mfaToken(account.email(), PASSWORD), Rfc6238.code(enabled.secret(), step + 10)).statusCode(401);
    }

    @Test
    void theMfaTokenDiesAfterFiveWrongCodes() {
        Account account = newAccount("Guesser");
        MfaApi.Enabled enabled = enable(account, step);
        clock.pinStep(step + 3);
        String right = Rfc6238.code(enabled.secret(), step + 3);
        String wrong = right.equals("000000") ? "000001" : "000000";
        String token = mfaToken(account.email(), PASSWORD);
        for (int i = 0; i < 4; i++) {
            secondStep(token, wrong).statusCode(401).body("type", equalTo("urn:problem:user-service:wrong-mfa-code"))
                    .body("error", equalTo("invalid_grant"));
        }
        secondStep(token, right).statusCode(200); // the fifth try, right: the token was alive

        String doomed = mfaToken(account.email(), PASSWORD);
        for (int i = 0; i < 5; i++) {
            secondStep(doomed, wrong).statusCode(401);
        }
        clock.pinStep(step + 6);
        secondStep(doomed, Rfc6238.code(enabled.secret(), step + 6)).statusCode(401)
                .body("type", equalTo("urn:problem:user-service:invalid-mfa-token"));
        assertThat(db().count("SELECT count(*) FROM mfa_challenges WHERE user_id = ?", account.id())).isZero();
    }

    @Test
    void recoveryCodesWorkOnceEach() {
        Account account = newAccount("Recovering");
        MfaApi.Enabled enabled = enable(account, step);
        String recovery = enabled.recoveryCodes().get(3);

        String access = secondStepWithRecoveryCode(mfaToken(account.email(), PASSWORD), recovery.toUpperCase())
                .statusCode(200).extract().path("access_token");
        assertThat(Jwts.claims(access).get("amr")).isEqualTo(List.of("pwd", "otp"));
        secondStepWithRecoveryCode(mfaToken(account.email(), PASSWORD), recovery).statusCode(401)
                .body("type", equalTo("urn:problem:user-service:wrong-mfa-code"));
        secondStepWithRecoveryCode(mfaToken(account.email(), PASSWORD), enabled.recoveryCodes().get(4)).statusCode(200);
        assertThat(db().count("SELECT count(*) FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL",
                account.id())).isEqualTo(8);
    }

    @Test
    void theMfaTokenIsBoundToThePasswordCheck() {
        Account account = newAccount("Bound");
        MfaApi.Enabled enabled = enable(account, step);
        String token = mfaToken(account.email(), PASSWORD);
        UserApi.admin().auth().contentType(UserApi.MERGE_PATCH).body("{\"password\": \"set by the admin\"}")
                .patch("/users/" + account.id()).then().statusCode(200);
        clock.pinStep(step + 1);
        secondStep(token, Rfc6238.code(enabled.secret(), step + 1)).statusCode(401)
                .body("type", equalTo("urn:problem:user-service:invalid-mfa-token"));
    }

    @Test
    void confirmationEndsTheOtherSessions() {
        Account account = newAccount("Many devices");
        ExtractableResponse<Response> other = UserApi.login(account.email(), PASSWORD).statusCode(200).extract();
        enable(account, step);

        given().auth().oauth2((String) other.path("access_token")).get("/users/me").then().statusCode(401);
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", (String) other.path("refresh_token"))
                .post("/auth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        account.auth().get("/users/me").then().statusCode(200); // the confirming session lives on
    }

    @Test
    void theDatabaseHoldsCiphertextNotTheSecret() {
        Account account = newAccount("Encrypted");
        String secret = enrol(account, PASSWORD).statusCode(200).extract().path("secret");
        Map<String, Object> row = db().row("SELECT secret_ciphertext, key_id FROM mfa_totp WHERE user_id = ?", account.id());
        byte[] stored = (byte[]) row.get("secret_ciphertext");
        byte[] raw = Rfc6238.base32(secret);
        assertThat(stored).hasSize(12 + 20 + 16); // nonce, ciphertext, tag
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret)
                .doesNotContain(new String(raw, StandardCharsets.ISO_8859_1));
        // another key (or another account's id as associated data) cannot open it
        TotpSecretCipher other = new TotpSecretCipher(java.util.Optional.of("other:"
                + Base64.getEncoder().encodeToString(new byte[32])), io.quarkus.runtime.LaunchMode.TEST);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.decrypt(
                new TotpSecretCipher.Sealed(stored, "other"), account.id())).isInstanceOf(IllegalStateException.class);
        TotpSecretCipher.Sealed sealed = new TotpSecretCipher.Sealed(stored, (String) row.get("key_id"));
        assertThat(cipher.decrypt(sealed, account.id())).isEqualTo(raw);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.decrypt(sealed, account.id() + 1))
                .isInstanceOf(IllegalStateException.class);
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
