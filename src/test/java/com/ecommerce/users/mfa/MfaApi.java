package com.ecommerce.users.mfa;

import static io.restassured.RestAssured.given;

import java.util.List;

import com.ecommerce.users.user.UserApi.Account;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Test helpers for the second factor: enrol and confirm, and the two steps of a login. */
public final class MfaApi {

    private MfaApi() {
    }

    /** An account with a confirmed factor: its secret, its recovery codes, and the step its confirmation used. */
    public record Enabled(byte[] secret, List<String> recoveryCodes, long confirmedStep) {
    }

    public static ValidatableResponse enrol(Account account, String currentPassword) {
        return account.auth().contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\"}".formatted(currentPassword))
                .post("/users/me/mfa/totp").then();
    }

    public static ValidatableResponse confirm(Account account, String code) {
        return account.auth().contentType(ContentType.JSON).body("{\"code\": \"%s\"}".formatted(code))
                .post("/users/me/mfa/totp/confirm").then();
    }

    /** Enrols and confirms at the clock's pinned {@code step}. */
    public static Enabled enable(Account account, long step) {
        String secret = enrol(account, account.password()).statusCode(200).extract().path("secret");
        byte[] key = Rfc6238.base32(secret);
        List<String> codes = confirm(account, Rfc6238.code(key, step)).statusCode(200).extract().path("recoveryCodes");
        return new Enabled(key, codes, step);
    }

    public static ValidatableResponse firstStep(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password))
                .post("/auth/login").then();
    }

    public static String mfaToken(String email, String password) {
        return firstStep(email, password).statusCode(401).extract().path("mfa_token");
    }

    public static ValidatableResponse secondStep(String mfaToken, String code) {
        return given().contentType(ContentType.JSON)
                .body("{\"mfa_token\": \"%s\", \"code\": \"%s\"}".formatted(mfaToken, code))
                .post("/auth/login/mfa").then();
    }

    public static ValidatableResponse secondStepWithRecoveryCode(String mfaToken, String recoveryCode) {
        return given().contentType(ContentType.JSON)
                .body("{\"mfa_token\": \"%s\", \"recovery_code\": \"%s\"}".formatted(mfaToken, recoveryCode))
                .post("/auth/login/mfa").then();
    }
}
