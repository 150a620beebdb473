package com.ecommerce.users.mfa;

import static com.ecommerce.users.mfa.MfaApi.enable;
import static com.ecommerce.users.mfa.MfaApi.firstStep;
import static com.ecommerce.users.mfa.MfaApi.mfaToken;
import static com.ecommerce.users.mfa.MfaApi.secondStep;
import static com.ecommerce.users.mfa.MfaApi.secondStepWithRecoveryCode;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.reset;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.Mailbox;
import com.ecommerce.users.user.UserApi;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Sensitive changes of an account with a second factor need a code; removal by the account or an admin; recovery. */
@QuarkusTest
class StepUpTests {

    private static final String MFA_CODE_REQUIRED = "urn:problem:user-service:mfa-code-required";
    private static final String WRONG_MFA_CODE = "urn:problem:user-service:wrong-mfa-code";

    @Inject
    MovableTotpClock clock;

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
    void aPasswordChangeNeedsACode() {
        Account account = newAccount("Password step-up");
        MfaApi.Enabled enabled = enable(account, step);
        clock.pinStep(step + 1);
        String code = Rfc6238.code(enabled.secret(), step + 1);

        changePassword(account, null).statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo(MFA_CODE_REQUIRED));
        changePassword(account, wrong(code)).statusCode(403).body("type", equalTo(WRONG_MFA_CODE));
        changePassword(account, code).statusCode(204);
        // the factor stays: the new password still needs it
        firstStep(account.email(), "a new password").statusCode(401).body("error", equalTo("mfa_required"));
    }

    @Test
    void anEmailChangeNeedsACode() {
        Account account = newAccount("Email step-up");
        MfaApi.Enabled enabled = enable(account, step);
        clock.pinStep(step + 1);
        String code = Rfc6238.code(enabled.secret(), step + 1);
        String email = uniqueEmail();

        changeEmail(account, email, "").statusCode(403).body("type", equalTo(MFA_CODE_REQUIRED));
        changeEmail(account, email, ", \"code\": \"" + wrong(code) + "\"").statusCode(403)
                .body("type", equalTo(WRONG_MFA_CODE));
        changeEmail(account, email, ", \"recoveryCode\": \"" + enabled.recoveryCodes().getFirst() + "\"").statusCode(200)
                .body("email", equalTo(email));
        // a name needs no code
        account = new Account(account.id(), email, PASSWORD, completeLogin(email, enabled, step + 2));
        account.auth().contentType(MERGE_PATCH).body("{\"name\": \"Renamed\"}").patch("/users/me").then().statusCode(200);
    }

    @Test
    void deletingOnesAccountNeedsACode() {
        Account account = newAccount("Delete step-up");
        MfaApi.Enabled enabled = enable(account, step);
        clock.pinStep(step + 1);

        account.auth().delete("/users/me").then().statusCode(403).body("type", equalTo(MFA_CODE_REQUIRED));
        account.auth().delete("/users/" + account.id()).then().statusCode(403).body("type", equalTo(MFA_CODE_REQUIRED));
        account.auth().contentType(ContentType.JSON).body("{\"code\": \"000000x\"}").delete("/users/me").then()
                .statusCode(403).body("type", equalTo(WRONG_MFA_CODE));
        account.auth().contentType(ContentType.JSON)
                .body("{\"code\": \"" + Rfc6238.code(enabled.secret(), step + 1) + "\"}")
                .delete("/users/me").then().statusCode(204);
        account.auth().get("/users/me").then().statusCode(401);

        Account plain = newAccount("Plain delete"); // without a factor, as before
        plain.auth().delete("/users/me").then().statusCode(204);
    }

    @Test
    void turningTheFactorOffNeedsThePasswordAndACode() {
        Account account = newAccount("Turn off");
        MfaApi.Enabled enabled = enable(account, step);
        clock.pinStep(step + 1);
        String code = Rfc6238.code(enabled.secret(), step + 1);

        stepUp(account, "DELETE", "/users/me/mfa/totp", "wrong password", code).statusCode(403)
                .body("type", equalTo("urn:problem:user-service:wrong-password"));
        stepUp(account, "DELETE", "/users/me/mfa/totp", PASSWORD, null).statusCode(403)
                .body("type", equalTo(MFA_CODE_REQUIRED));
        stepUp(account, "DELETE", "/users/me/mfa/totp", PASSWORD, wrong(code)).statusCode(403)
                .body("type", equalTo(WRONG_MFA_CODE));
        stepUp(account, "DELETE", "/users/me/mfa/totp", PASSWORD, code).statusCode(204);

        UserApi.login(account.email(), PASSWORD).statusCode(200);
        account.auth().get("/users/me").then().body("mfa", emptyIterable());
        stepUp(account, "DELETE", "/users/me/mfa/totp", PASSWORD, code).statusCode(409)
                .body("type", equalTo("urn:problem:user-service:mfa-not-enrolled"));
    }

    @Test
    void newRecoveryCodesNeedACodeAndReplaceTheOldOnes() {
        Account account = newAccount("Renew");
        MfaApi.Enabled enabled = enable(account, step);
        clock.pinStep(step + 1);

        stepUp(account, "POST", "/users/me/mfa/recovery-codes", PASSWORD, null).statusCode(403)
                .body("type", equalTo(MFA_CODE_REQUIRED));
        List<String> fresh = stepUp(account, "POST", "/users/me/mfa/recovery-codes", PASSWORD,
                Rfc6238.code(enabled.secret(), step + 1)).statusCode(200).body("recoveryCodes", hasSize(10))
                .extract().path("recoveryCodes");

        secondStepWithRecoveryCode(mfaToken(account.email(), PASSWORD), enabled.recoveryCodes().getFirst())
                .statusCode(401);
        secondStepWithRecoveryCode(mfaToken(account.email(), PASSWORD), fresh.getFirst()).statusCode(200);
    }

    @Test
    void anAdminRemovesAnotherAccountsFactorAudited() {
        Account account = newAccount("Lost phone");
        enable(account, step);
        Account admin = admin();

        account.auth().delete("/users/" + account.id() + "/mfa").then().statusCode(403);
        admin.auth().delete("/users/2147483000/mfa").then().statusCode(404);
        try (LogCapture logs = new LogCapture()) {
            admin.auth().delete("/users/" + account.id() + "/mfa").then().statusCode(204);
            assertThat(logs.records(AuditLog.CATEGORY))
                    .filteredOn(line -> "mfa.removed".equals(line.mdc().get("event")))
                    .singleElement().satisfies(line -> assertThat(line.mdc())
                            .containsEntry("accountId", Integer.toString(account.id()))
                            .containsEntry("actorId", Integer.toString(admin.id())));
        }
        UserApi.login(account.email(), PASSWORD).statusCode(200);
    }

    @Test
    void aPasswordResetByMailKeepsTheFactor() {
        Account account = newAccount("Forgetful");
        MfaApi.Enabled enabled = enable(account, step);
        requestRecovery(account.email(), uniqueClient()).statusCode(202);
        reset(Mailbox.awaitResetToken(account.email(), 1), "a password from the link").statusCode(204);

        clock.pinStep(step + 1);
        String token = firstStep(account.email(), "a password from the link").statusCode(401)
                .body("error", equalTo("mfa_required")).extract().path("mfa_token");
        secondStep(token, Rfc6238.code(enabled.secret(), step + 1)).statusCode(200);
    }

    private String completeLogin(String email, MfaApi.Enabled enabled, long at) {
        clock.pinStep(at);
        return secondStep(mfaToken(email, PASSWORD), Rfc6238.code(enabled.secret(), at)).statusCode(200).extract()
                .path("access_token");
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    private static ValidatableResponse changePassword(Account account, String code) {
        String extra = code == null ? "" : ", \"code\": \"" + code + "\"";
        return account.auth().contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"a new password\"%s}".formatted(PASSWORD, extra))
                .put("/users/me/password").then();
    }

    private static ValidatableResponse changeEmail(Account account, String email, String extra) {
        return account.auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"%s}".formatted(email, PASSWORD, extra))
                .patch("/users/me").then();
    }

    private static ValidatableResponse stepUp(Account account, String method, String path, String password, String code) {
        String extra = code == null ? "" : ", \"code\": \"" + code + "\"";
        return account.auth().contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\"%s}".formatted(password, extra))
                .request(method, path).then();
    }
}
