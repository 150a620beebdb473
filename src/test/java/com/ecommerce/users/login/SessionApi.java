package com.ecommerce.users.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.ecommerce.users.support.Jwts;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Test helpers for sessions: a login's tokens, the refresh grant and logout as a client sends them. */
final class SessionApi {

    private SessionApi() {
    }

    /** A login's answer: the access token, the refresh token, and the session the access token names. */
    record Tokens(String access, String refresh, String sessionId) {

        static Tokens of(ExtractableResponse<Response> answer) {
            String access = answer.path("access_token");
            return new Tokens(access, answer.path("refresh_token"), (String) Jwts.claims(access).get("sid"));
        }
    }

    static Tokens login(String email, String password) {
        return login(email, password, "SessionTests/1.0");
    }

    static Tokens login(String email, String password, String userAgent) {
        return Tokens.of(given().header("User-Agent", userAgent)
                .formParam("username", email).formParam("password", password)
                .post("/auth/login").then().statusCode(200).extract());
    }

    /** The refresh grant as an OAuth 2.0 client sends it (a form). */
    static ValidatableResponse refresh(String refreshToken) {
        return given().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .post("/auth/token").then();
    }

    static ValidatableResponse refreshJson(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body("{\"grant_type\": \"refresh_token\", \"refresh_token\": \"%s\"}".formatted(refreshToken))
                .post("/auth/token").then();
    }

    static ValidatableResponse logout(String refreshToken) {
        return given().formParam("refresh_token", refreshToken).post("/auth/logout").then();
    }

    /** The device's session is over: its access token is refused, and its refresh token is an invalid grant. */
    static void assertEnded(Tokens device) {
        given().auth().oauth2(device.access()).get("/users/me").then().statusCode(401);
        refresh(device.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
    }
}
