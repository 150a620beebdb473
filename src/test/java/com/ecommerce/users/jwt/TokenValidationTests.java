package com.ecommerce.users.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.user.UserApi.Account;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every way a token can be bad is a 401 with an invalid_token challenge, never a way in. */
@QuarkusTest
class TokenValidationTests {

    @Inject
    JwtKeys keys;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Test
    void aCorrectlyMadeTokenIsAccepted() {
        Account account = newAccount("Control");
        accepted(sign(claims(account), keys.signingKey(), keys.signingKeyId()));
    }

    @Test
    void aVerifiedTokenIsKeptForTheNextRequests() {
        Account account = newAccount("Kept");
        double before = verifiedTokensCached();

        accepted(account.token());
        accepted(account.token());

        assertThat(verifiedTokensCached() - before).isEqualTo(1);
    }

    @Test
    void expiredTokensAreRejected() {
        Account account = newAccount("Expired");
        Map<String, Object> claims = claims(account);
        claims.put("exp", (Long) claims.get("iat") - 100);
        claims.put("iat", (Long) claims.get("iat") - 1000);
        rejected(sign(claims, keys.signingKey(), keys.signingKeyId()));
    }

    @Test
    void tamperedTokensAreRejected() {
        Account victim = newAccount("Victim");
        Account attacker = newAccount("Attacker");
        String token = token(attacker.email(), PASSWORD);
        String[] parts = token.split("\\.");
        Map<String, Object> claims = new HashMap<>(Jwts.claims(token));
        claims.put("sub", Integer.toString(victim.id()));
        claims.put("groups", List.of("admin"));
        accepted(token); // verified, and kept (CachingJwtParser): what differs from it must be verified itself

        rejected(parts[0] + "." + Jwts.encode(claims) + "." + parts[2]);
        rejected(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA");
    }

    @Test
    void unsignedAndSymmetricTokensAreRejected() throws Exception {
        Account account = newAccount("None");
        Map<String, Object> claims = claims(account);
        String none = Jwts.encode(Map.of("alg", "none", "typ", "JWT", "kid", keys.signingKeyId())) + "." + Jwts.encode(claims) + ".";
        rejected(none);

        // HS256 keyed with the published key set: the classic algorithm confusion
        JsonWebSignature hs = new JsonWebSignature();
        hs.setPayload(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(claims));
        hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs.setKeyIdHeaderValue(keys.signingKeyId());
        hs.setKey(new HmacKey(keys.jwks().getBytes(StandardCharsets.UTF_8)));
        hs.setDoKeyValidation(false);
        rejected(hs.getCompactSerialization());
    }

    @Test
    void wrongAudienceOrIssuerIsRejected() {
        Account account = newAccount("Audience");
        Map<String, Object> wrongAudience = claims(account);
        wrongAudience.put("aud", "another-shop");
        rejected(sign(wrongAudience, keys.signingKey(), keys.signingKeyId()));

        Map<String, Object> wrongIssuer = claims(account);
        wrongIssuer.put("iss", "https://evil.example");
        rejected(sign(wrongIssuer, keys.signingKey(), keys.signingKeyId()));
    }

    @Test
    void tokensSignedWithAnotherKeyAreRejected() {
        Account account = newAccount("Forged");
        KeyPair forger = TestKeys.generate();
        rejected(sign(claims(account), forger.getPrivate(), keys.signingKeyId()));
        rejected(sign(claims(account), forger.getPrivate(), "unknown-key-id"));
    }

    @Test
    void tokensMissingClaimsOrLivingTooLongAreRejected() {
        Account account = newAccount("Claims");
        Map<String, Object> noJti = claims(account);
        noJti.remove("jti");
        rejected(sign(noJti, keys.signingKey(), keys.signingKeyId()));

        Map<String, Object> forever = claims(account);
        forever.put("exp", Instant.now().getEpochSecond() + 365L * 24 * 3600);
        rejected(sign(forever, keys.signingKey(), keys.signingKeyId()));

        Map<String, Object> strangeSubject = claims(account);
        strangeSubject.put("sub", "not-a-number");
        rejected(sign(strangeSubject, keys.signingKey(), keys.signingKeyId()));
    }

    @Test
    void aDeletedAccountsTokenIsRejected() {
        Account account = newAccount("Deleted");
        account.auth().delete("/users/me").then().statusCode(204);
        rejected(account.token());
    }

    @Test
    void tokensIssuedBeforeAPasswordChangeAreRejected() {
        Account account = newAccount("Changer");
        String older = token(account.email(), PASSWORD);

        account.auth().contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"the new password\"}".formatted(PASSWORD))
                .put("/users/me/password").then().statusCode(204);

        rejected(account.token());
        rejected(older);
        accepted(token(account.email(), "the new password"));
    }

    @Test
    void aTokenIsAcceptedInItsOneSpellingOnly() {
        Account account = newAccount("Spelling");
        String token = account.token();
        accepted(token); // verified and kept: another spelling must not be served from the cache either
        String[] parts = token.split("\\.");
        String header = parts[0];
        String payload = parts[1];
        String signature = parts[2];
        // 256 bytes are 342 characters: the last carries 2 bits of the signature and 4 unused ones, which must be zero
        assertThat(signature).hasSize(342);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String sameBytes = signature.substring(0, 341) + alphabet.charAt(alphabet.indexOf(signature.charAt(341)) | 1);
        assertThat(Base64.getUrlDecoder().decode(sameBytes)).as("another spelling of the same signature")
                .isEqualTo(Base64.getUrlDecoder().decode(signature));
        // the same bytes in the alphabet of RFC 4648, section 4 (signatures without - or _ are ~2 in 100 000)
        assertThat(signature).as("a signature with a - or _").containsAnyOf("-", "_");
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("padded", token + "=");
        spellings.put("padded twice", token + "==");
        spellings.put("padded header", header + "=." + payload + "." + signature);
        spellings.put("padded payload", header + "." + payload + "==." + signature);
        spellings.put("+/ alphabet", header + "." + payload + "." + signature.replace('-', '+').replace('_', '/'));
        spellings.put("unused bits set", header + "." + payload + "." + sameBytes);

        Map<String, Integer> answers = new LinkedHashMap<>();
        spellings.forEach((name, spelling) -> answers.put(name, given().auth().oauth2(spelling).get("/users/me")
                .statusCode()));

        assertThat(answers.values()).as("the answers by spelling, %s", answers).containsOnly(401);
        spellings.values().forEach(TokenValidationTests::rejected); // each a problem with the invalid_token challenge
        accepted(token);
    }

    @Test
    void aTokenIssuedInTheFutureIsRejectedBeyondTheClockSkew() {
        Account account = newAccount("Time traveller");
        Map<String, Object> hourAhead = claims(account);
        hourAhead.put("iat", (Long) hourAhead.get("iat") + 3600);
        hourAhead.put("exp", (Long) hourAhead.get("iat") + 600);
        rejected(sign(hourAhead, keys.signingKey(), keys.signingKeyId()));

        Map<String, Object> justBeyondTheSkew = claims(account);
        justBeyondTheSkew.put("iat", Instant.now().getEpochSecond() + JwtVerification.CLOCK_SKEW_SECONDS + 5);
        rejected(sign(justBeyondTheSkew, keys.signingKey(), keys.signingKeyId()));

        // a replica whose clock runs a little ahead issued it: within the skew
        Map<String, Object> slightlyAhead = claims(account);
        slightlyAhead.put("iat", Instant.now().getEpochSecond() + 10);
        accepted(sign(slightlyAhead, keys.signingKey(), keys.signingKeyId()));
    }

    @Test
    void malformedAuthorizationHeadersAreRejected() {
        for (String header : List.of("Bearer", "Bearer ", "Bearer not.a.jwt", "Bearer a.b", "Bearer " + "x".repeat(5000))) {
            given().header("Authorization", header).get("/users/me")
                    .then().statusCode(401).contentType(PROBLEM_JSON);
        }
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/users/me").then().statusCode(401).contentType(PROBLEM_JSON);
    }

    /** What the service itself would put in a token of this account. */
    private Map<String, Object> claims(Account account) {
        return Jwts.serviceClaims(account.id(), account.email(), new TestDatabase(dataSource).tokenCutOff(account.id()));
    }

    /** Signs exactly these claims (smallrye-jwt's builder would add a missing jti, iat or exp). */
    private static String sign(Map<String, Object> claims, PrivateKey key, String keyId) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(claims));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(keyId);
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gauge is registered with the parser, at the first token this instance verifies: until then, none. */
    private double verifiedTokensCached() {
        var gauge = metrics.find("users.verified.tokens.cached").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static void accepted(String token) {
        given().auth().oauth2(token).get("/users/me").then().statusCode(200);
    }

    private static void rejected(String token) {
        given().auth().oauth2(token).get("/users/me")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"user-service\", error=\"invalid_token\""));
    }
}
