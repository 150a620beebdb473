package com.ecommerce.users.platform.http;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import java.util.List;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * What a browser sees: CORS for the one origin of the test profile (%test.quarkus.http.cors.origins), and the headers
 * that keep account data and tokens out of caches and content sniffing, on successes and problems alike.
 */
@QuarkusTest
class BrowserTests {

    static final String SHOP = "https://shop.example.test";
    static final String ELSEWHERE = "https://evil.example.test";
    /** Quarkus sends "false" when told not to allow credentials; only "true" would let a browser send any. */
    static final Matcher<String> NO_CREDENTIALS = anyOf(nullValue(), equalTo("false"));

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredWithoutCredentials() {
        Response preflight = preflight(SHOP, "PATCH", "authorization,content-type,if-match")
                .statusCode(200)
                .header("Access-Control-Allow-Origin", SHOP)
                .header("Access-Control-Allow-Credentials", NO_CREDENTIALS)
                .extract().response();
        assertThat(list(preflight, "Access-Control-Allow-Methods"))
                .containsExactlyInAnyOrder("GET", "POST", "PATCH", "PUT", "DELETE");
        assertThat(list(preflight, "Access-Control-Allow-Headers"))
                .containsExactlyInAnyOrder("Authorization", "Content-Type", "If-Match");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        preflight(ELSEWHERE, "GET", "authorization")
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedBeforeTheApplication() {
        Account account = newAccount("Elsewhere");
        account.auth().header("Origin", ELSEWHERE).when().get("/users/me")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aRequestFromTheAllowedOriginMayReadTheAnswerAndItsHeaders() {
        String email = uniqueEmail();
        Response created = given().header("Origin", SHOP).contentType("application/json")
                .body(json("Shopper", email, PASSWORD))
                .when().post("/users")
                .then().statusCode(201)
                .header("Access-Control-Allow-Origin", SHOP)
                .header("Access-Control-Allow-Credentials", NO_CREDENTIALS)
                .extract().response();
        assertThat(list(created, "Access-Control-Expose-Headers"))
                .containsExactlyInAnyOrder("ETag", "Location", "Retry-After", "WWW-Authenticate");
    }

    @Test
    void noStoreAndNosniffOnAnAccount() {
        Account account = newAccount("Cached");
        assertProtected(account.auth().when().get("/users/me").then().statusCode(200));
    }

    @Test
    void noStoreAndNosniffOnARegistration() {
        assertProtected(register("Registered", uniqueEmail(), PASSWORD).statusCode(201));
    }

    @Test
    void noStoreAndNosniffOnATokenOnce() {
        Account account = newAccount("Token");
        ValidatableResponse token = login(account.email(), PASSWORD).statusCode(200).header("Pragma", "no-cache");
        assertProtected(token);
        // the login answer's own Cache-Control and the configured one are not both sent
        assertThat(token.extract().headers().getValues("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void noStoreAndNosniffOnProblems() {
        assertProtected(given().when().get("/users/me").then().statusCode(401).contentType(PROBLEM_JSON));
        assertProtected(login(uniqueEmail(), "wrong password").statusCode(401).contentType(PROBLEM_JSON));
        Account account = newAccount("Lost");
        assertProtected(account.auth().when().get("/users/2147483647").then().statusCode(404).contentType(PROBLEM_JSON));
        assertProtected(account.auth().when().get("/users/not-a-number").then().statusCode(404).contentType(PROBLEM_JSON));
    }

    @Test
    void nosniffEverywhereNoStoreOnlyOnAccountsAndTokens() {
        given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", not(containsString("no-store")));
    }

    private static ValidatableResponse preflight(String origin, String method, String headers) {
        return given().header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .when().options("/users/me")
                .then();
    }

    private static void assertProtected(ValidatableResponse response) {
        response.header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", equalTo("no-store"));
    }

    private static List<String> list(Response response, String header) {
        return response.headers().getValues(header).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).toList();
    }
}
