package com.ecommerce.users.jwt;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Another service of the shop, verifying this service's tokens offline with nothing but the published key set. */
@QuarkusTest
class JwksTests {

    @Test
    void thePublishedKeySetVerifiesIssuedTokens() throws Exception {
        Response jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().response();
        assertThat(jwks.header("Cache-Control")).contains("max-age");
        assertThat(jwks.asString()).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
        JsonWebKeySet keys = new JsonWebKeySet(jwks.asString());
        assertThat(keys.getJsonWebKeys()).allSatisfy(key -> {
            assertThat(key.getKeyType()).isEqualTo("RSA");
            assertThat(key.getUse()).isEqualTo("sig");
            assertThat(key.getAlgorithm()).isEqualTo("RS256");
        });

        Account account = newAccount("Verified elsewhere");
        String token = token(account.email(), PASSWORD);
        assertThat(keys.getJsonWebKeys()).anySatisfy(key -> assertThat(key.getKeyId()).isEqualTo(Jwts.header(token).get("kid")));

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .setExpectedIssuer(Jwts.issuer())
                .setExpectedAudience("ecommerce")
                .setRequireExpirationTime()
                .setRequireJwtId()
                .build();
        JwtClaims claims = consumer.processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo(Integer.toString(account.id()));
        assertThat(claims.getStringClaimValue("upn")).isEqualTo(account.email());
    }
}
