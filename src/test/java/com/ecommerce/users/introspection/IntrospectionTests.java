package com.ecommerce.users.introspection;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.jwt.JwtKeys;
import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.user.UserApi;
import com.ecommerce.users.user.UserApi.Account;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * RFC 7662 at /auth/introspect: only the configured clients (HTTP Basic, %test.users.introspection.clients) get an
 * answer; an active access token's claims, {"active": false} and nothing more for every token a request would be
 * refused with.
 */
@QuarkusTest
class IntrospectionTests {

    static final String GATEWAY = basic("gateway", "gateway-secret-for-tests");
    static final String INACTIVE = "{\"active\":false}";

    @Inject
    JwtKeys keys;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Test
    void anActiveTokenIsAnsweredWithItsClaims() {
        Account account = newAccount("Introspected");
        Map<String, Object> claims = Jwts.claims(account.token());

        introspect(GATEWAY, account.token()).statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("sub", equalTo(Integer.toString(account.id())))
                .body("username", equalTo(account.email()))
                .body("iss", equalTo(Jwts.issuer()))
                .body("exp", equalTo(((Number) claims.get("exp")).intValue()))
                .body("iat", equalTo(((Number) claims.get("iat")).intValue()))
                .body("token_type", equalTo("Bearer"))
                .body("sid", equalTo(claims.get("sid")))
                .body("jti", equalTo(claims.get("jti")))
                .body("aud", equalTo(List.of("ecommerce")))
                .body("groups", equalTo(List.of("user")));
        // the other client too
        introspect(basic("orders", "orders-secret-for-tests"), account.token()).statusCode(200).body("active", equalTo(true));
    }

    @Test
    void aLoggedOutSessionsTokenIsInactive() {
        Account account = newAccount("Logged out");
        var login = given().formParam("username", account.email()).formParam("password", PASSWORD).post("/auth/login")
                .then().statusCode(200).extract();
        String access = login.path("access_token");
        introspect(GATEWAY, access).body("active", equalTo(true));

        given().formParam("refresh_token", (String) login.path("refresh_token")).post("/auth/logout").then().statusCode(204);

        assertInactive(access);
    }

    @Test
    void aTokenIssuedBeforeAPasswordChangeIsInactive() {
        Account account = newAccount("Changed");
        introspect(GATEWAY, account.token()).body("active", equalTo(true));

        given().auth().oauth2(account.token()).contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"a newer passphrase\"}".formatted(PASSWORD))
                .put("/users/me/password").then().statusCode(204);

        assertInactive(account.token());
    }

    @Test
    void aDeletedAccountsTokenIsInactive() {
        Account account = newAccount("Deleted");
        introspect(GATEWAY, account.token()).body("active", equalTo(true));
        given().auth().oauth2(account.token()).delete("/users/me").then().statusCode(204);
        assertInactive(account.token());
    }

    @Test
    void expiredForgedAndMalformedTokensAreInactive() throws Exception {
        Account account = newAccount("Bad tokens");
        Map<String, Object> expired = Jwts.serviceClaims(account.id(), account.email(),
                new TestDatabase(dataSource).tokenCutOff(account.id()));
        expired.put("exp", (Long) expired.get("iat") - 100);
        expired.put("iat", (Long) expired.get("iat") - 1000);
        assertInactive(sign(expired, keys.signingKey(), keys.signingKeyId()));

        Map<String, Object> valid = Jwts.serviceClaims(account.id(), account.email(),
                new TestDatabase(dataSource).tokenCutOff(account.id()));
        assertThat(introspect(GATEWAY, sign(valid, keys.signingKey(), keys.signingKeyId())).extract().<Boolean>path("active"))
                .as("the control: the same claims, signed by the service").isTrue();
        assertInactive(sign(valid, TestKeys.generate().getPrivate(), keys.signingKeyId()));
        Map<String, Object> elsewhere = new java.util.HashMap<>(valid);
        elsewhere.put("iss", "https://evil.example");
        assertInactive(sign(elsewhere, keys.signingKey(), keys.signingKeyId()));
        String[] parts = account.token().split("\\.");
        assertInactive(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA");
        assertInactive(account.token() + "=");

        for (String malformed : List.of("", "not a token", "a.b.c", parts[0] + "." + parts[1] + ".")) {
            assertInactive(malformed);
        }
    }

    @Test
    void aRefreshTokenIsInactiveHere() {
        Account account = newAccount("Refresh");
        String refresh = UserApi.login(account.email(), PASSWORD).statusCode(200).extract().path("refresh_token");
        assertInactive(refresh);
    }

    @Test
    void callersThatAreNotClientsAre401WithABasicChallenge() {
        Account account = newAccount("Unauthorised");
        double before = unauthorized();
        for (String authorization : new String[] { null, basic("gateway", "gateway-secret-for-test"),
                basic("gateway", "gateway-secret-for-tests "), basic("gateway", "orders-secret-for-tests"),
                basic("nobody", "gateway-secret-for-tests"), basic("", ""), "Basic", "Basic !!!",
                "Basic " + Base64.getEncoder().encodeToString("no colon".getBytes(StandardCharsets.UTF_8)),
                "Bearer " + account.token() }) {
            introspect(authorization, account.token()).statusCode(401).contentType(PROBLEM_JSON)
                    .header("WWW-Authenticate", "Basic realm=\"user-service\", charset=\"UTF-8\"")
                    .body("status", equalTo(401)).body("type", equalTo("urn:problem:user-service:invalid-client"))
                    .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("active")));
        }
        assertThat(unauthorized() - before).isEqualTo(10);
    }

    @Test
    void aMissingTokenIsABadRequest() {
        given().header("Authorization", GATEWAY).formParam("token_type_hint", "access_token").post("/auth/introspect")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("token"));
    }

    @Test
    void answersAreCountedByResult() {
        Account account = newAccount("Counted");
        double active = count("active");
        double inactive = count("inactive");
        introspect(GATEWAY, account.token()).statusCode(200);
        introspect(GATEWAY, "nonsense").statusCode(200);
        assertThat(count("active") - active).isEqualTo(1);
        assertThat(count("inactive") - inactive).isEqualTo(1);
    }

    private static void assertInactive(String token) {
        String body = introspect(GATEWAY, token).statusCode(200).contentType(ContentType.JSON).extract().asString();
        assertThat(body).as(token).isEqualTo(INACTIVE);
    }

    static ValidatableResponse introspect(String authorization, String token) {
        var request = given().formParam("token", token);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post("/auth/introspect").then();
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private double unauthorized() {
        return count("unauthorized");
    }

    private double count(String result) {
        var counter = metrics.find("users.introspection.requests").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String sign(Map<String, Object> claims, PrivateKey key, String keyId) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(new ObjectMapper().writeValueAsString(claims));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(keyId);
        jws.setKey(key);
        return jws.getCompactSerialization();
    }
}
