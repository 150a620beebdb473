package com.ecommerce.users.login;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class LoginTests {

    @Test
    void jsonLoginIssuesASignedTokenWithTheDocumentedClaims() {
        Account account = newAccount("Claims");
        long before = Instant.now().getEpochSecond();

        Response response = login(account.email().toUpperCase(), PASSWORD)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("bearer"))
                .extract().response();

        String token = response.path("access_token");
        int expiresIn = response.path("expires_in");
        assertThat(expiresIn).isBetween(898, 901);
        Map<String, Object> header = Jwts.header(token);
        assertThat(header).containsEntry("alg", "RS256").containsKey("kid");
        Map<String, Object> claims = Jwts.claims(token);
        assertThat(claims).containsEntry("iss", Jwts.issuer())
                .containsEntry("aud", "ecommerce")
                .containsEntry("sub", Integer.toString(account.id()))
                .containsEntry("upn", account.email())
                .containsEntry("groups", List.of("user"))
                .containsKey("jti");
        long iat = ((Number) claims.get("iat")).longValue();
        assertThat(iat).isBetween(before - 1, before + 2);
        assertThat(((Number) claims.get("exp")).longValue() - iat).isEqualTo(900);
        assertThat(claims).doesNotContainKey("password");
        given().auth().oauth2(token).get("/users/me").then().statusCode(200).body("id", equalTo(account.id()));
    }

    @Test
    void eachLoginHasItsOwnTokenId() {
        Account account = newAccount("Twice");
        String first = login(account.email(), PASSWORD).extract().path("access_token");
        String second = login(account.email(), PASSWORD).extract().path("access_token");
        assertThat(Jwts.claims(first).get("jti")).isNotEqualTo(Jwts.claims(second).get("jti"));
    }

    @Test
    void swaggerUiPasswordGrantFormLogsIn() {
        Account account = newAccount("Form");
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", account.email()).formParam("password", PASSWORD)
                .formParam("scope", "").formParam("client_id", "swagger-ui")
                .post("/auth/login")
                .then().statusCode(200).body("token_type", equalTo("bearer"));
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("username", account.email()).formParam("password", PASSWORD)
                .post("/auth/login")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.URLENC).formParam("password", PASSWORD).post("/auth/login")
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        Account account = newAccount("Enumeration");

        Response wrongPassword = login(account.email(), "not the password").extract().response();
        Response unknownEmail = login(uniqueEmail(), "not the password").extract().response();

        for (Response response : List.of(wrongPassword, unknownEmail)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.contentType()).isEqualTo(PROBLEM_JSON);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"user-service\"");
        }
        assertThat(unknownEmail.asString()).isEqualTo(wrongPassword.asString());
        assertThat(wrongPassword.<String> path("type")).isEqualTo("urn:problem:user-service:invalid-credentials");
    }

    @Test
    void malformedLoginsAreA400() {
        given().contentType(ContentType.JSON).body("{\"email\": \"x@y.z\"}").post("/auth/login")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("password"));
        given().contentType(ContentType.JSON).body("{\"email\": \"x@y.z\", \"password\": \"p\", \"extra\": 1}").post("/auth/login")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body("{\"email\":").post("/auth/login")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.TEXT).body("x").post("/auth/login")
                .then().statusCode(415).contentType(PROBLEM_JSON);
    }
}
