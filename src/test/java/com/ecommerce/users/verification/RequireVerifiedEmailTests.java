package com.ecommerce.users.verification;

import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.support.Mailbox.awaitToken;
import static com.ecommerce.users.user.UserApi.ADMIN_EMAIL;
import static com.ecommerce.users.user.UserApi.ADMIN_PASSWORD;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.reset;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static com.ecommerce.users.verification.VerificationApi.verify;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * users.registration.require-verified-email=true: an unverified account's right password gets a 403 that says why; a
 * wrong one the usual 401, so a guesser learns nothing. The bootstrap admin counts as verified, and a password reset
 * verifies the address its link reached.
 */
@QuarkusTest
@TestProfile(RequireVerifiedEmailTests.Required.class)
class RequireVerifiedEmailTests {

    public static class Required implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("users.registration.require-verified-email", "true");
        }
    }

    @Test
    void anUnverifiedAccountLogsInOnlyOnceItsAddressIsVerified() {
        String email = uniqueEmail();
        register("Unverified", email, PASSWORD).statusCode(201);

        login(email, "a wrong guess").statusCode(401).body("type", equalTo("urn:problem:user-service:invalid-credentials"));
        login(email, PASSWORD).statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:email-not-verified"));

        verify(awaitToken(email, 1)).statusCode(204);
        login(email, PASSWORD).statusCode(200);
    }

    @Test
    void theBootstrapAdminCountsAsVerified() {
        login(ADMIN_EMAIL, ADMIN_PASSWORD).statusCode(200);
    }

    @Test
    void aPasswordResetVerifiesTheAddressItsLinkReached() {
        String email = uniqueEmail();
        register("Lost Mail", email, PASSWORD).statusCode(201);
        requestRecovery(email, uniqueClient()).statusCode(202);
        reset(awaitResetToken(email, 1), "a brand new passphrase").statusCode(204);
        login(email, "a brand new passphrase").statusCode(200);
    }
}
