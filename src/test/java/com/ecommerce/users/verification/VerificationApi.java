package com.ecommerce.users.verification;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Calls of the verification and recovery API, and the digest the service stores tokens as, computed independently. */
public final class VerificationApi {

    private VerificationApi() {
    }

    public static ValidatableResponse verify(String token) {
        return given().contentType(ContentType.JSON).body("{\"token\": \"" + token + "\"}").post("/auth/verify-email").then();
    }

    public static ValidatableResponse requestRecovery(String email, String client) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                .body("{\"email\": \"" + email + "\"}").post("/auth/password-recovery").then();
    }

    public static ValidatableResponse reset(String token, String newPassword) {
        return given().contentType(ContentType.JSON)
                .body("{\"token\": \"" + token + "\", \"newPassword\": \"" + newPassword + "\"}")
                .post("/auth/reset-password").then();
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client address of its own for each test, so that per-client limits of one test do not meet another's. */
    public static String uniqueClient() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
