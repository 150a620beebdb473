package com.ecommerce.users.login;

import static com.ecommerce.users.login.SessionApi.assertEnded;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.newAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.login.SessionApi.Tokens;
import com.ecommerce.users.platform.crypto.SecretTokens;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** RFC 7009 at /auth/revoke: a refresh token's session ends as at a logout; whatever else is sent is answered alike. */
@QuarkusTest
class RevocationTests {

    @Test
    void revokingARefreshTokenEndsItsSession() {
        Account account = newAccount("Revoked");
        Tokens device = SessionApi.login(account.email(), PASSWORD);
        Tokens other = SessionApi.login(account.email(), PASSWORD);

        revoke(device.refresh(), "refresh_token").statusCode(200).header("Cache-Control", "no-store")
                .body(emptyString());

        assertEnded(device);
        given().auth().oauth2(other.access()).get("/users/me").then().statusCode(200);
    }

    @Test
    void theHintIsOptionalAndAWrongOneChangesNothing() {
        Account account = newAccount("Hinted");
        Tokens unhinted = SessionApi.login(account.email(), PASSWORD);
        Tokens misHinted = SessionApi.login(account.email(), PASSWORD);

        revoke(unhinted.refresh(), null).statusCode(200);
        revoke(misHinted.refresh(), "access_token").statusCode(200);

        assertEnded(unhinted);
        assertEnded(misHinted);
    }

    @Test
    void unknownInvalidAndRevokedTokensAreAnsweredAsARevocation() {
        Account account = newAccount("Unknown");
        Tokens device = SessionApi.login(account.email(), PASSWORD);
        revoke(device.refresh(), null).statusCode(200);

        revoke(device.refresh(), null).statusCode(200).body(emptyString());
        revoke(SecretTokens.generate(), "refresh_token").statusCode(200).body(emptyString());
        revoke("not a token", null).statusCode(200).body(emptyString());
        revoke(device.access(), "access_token").statusCode(200).body(emptyString());
    }

    @Test
    void aMissingTokenIsAnInvalidRequest() {
        given().formParam("token_type_hint", "refresh_token").post("/auth/revoke").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("error", equalTo("invalid_request"))
                .body("errors[0].field", equalTo("token"));
    }

    private static ValidatableResponse revoke(String token, String hint) {
        var request = given().formParam("token", token);
        if (hint != null) {
            request.formParam("token_type_hint", hint);
        }
        return request.post("/auth/revoke").then();
    }
}
