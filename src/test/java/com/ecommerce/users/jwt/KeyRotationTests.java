package com.ecommerce.users.jwt;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * A rotation in progress: a new signing key from files (as mounted Secrets), the old key's public half kept for
 * verification. Tokens of both verify; new ones are signed with the new key; the key set publishes both.
 */
@QuarkusTest
@TestProfile(KeyRotationTests.Rotating.class)
class KeyRotationTests {

    static final KeyPair OLD = TestKeys.generate();
    static final KeyPair NEW = TestKeys.generate();

    public static class Rotating implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "users.jwt.signing-key-location", TestKeys.write("rotation-new.pem", TestKeys.privatePem(NEW)),
                    "users.jwt.previous-verification-key-location", TestKeys.write("rotation-old.pub.pem", TestKeys.publicPem(OLD)));
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void bothKeysVerifyAndOnlyTheNewOneSigns() throws Exception {
        String oldKid = kid(OLD);
        String newKid = kid(NEW);
        JsonWebKeySet published = new JsonWebKeySet(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        assertThat(published.getJsonWebKeys()).extracting(k -> k.getKeyId()).containsExactly(newKid, oldKid);

        Account account = newAccount("Rotated");
        String fresh = token(account.email(), PASSWORD);
        assertThat(Jwts.header(fresh).get("kid")).isEqualTo(newKid);

        long now = Math.max(Instant.now().getEpochSecond(), new TestDatabase(dataSource).tokenCutOff(account.id()));
        String signedByOldKey = Jwt.issuer(Jwts.issuer()).audience("ecommerce").subject(Integer.toString(account.id()))
                .upn(account.email()).groups("user").issuedAt(now).expiresAt(now + 600).claim("jti", UUID.randomUUID().toString())
                .jws().keyId(oldKid).sign(OLD.getPrivate());
        given().auth().oauth2(signedByOldKey).get("/users/me").then().statusCode(200);
        given().auth().oauth2(fresh).get("/users/me").then().statusCode(200);
        assertThat(List.of(oldKid, newKid)).doesNotHaveDuplicates();
    }

    private static String kid(KeyPair pair) throws Exception {
        return PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic()).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
    }
}
