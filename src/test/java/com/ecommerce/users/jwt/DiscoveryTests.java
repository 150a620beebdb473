package com.ecommerce.users.jwt;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.MarkdownBlocks;
import com.ecommerce.users.user.UserApi;
import com.ecommerce.users.user.UserApi.Account;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The discovery documents, read as gateways and OAuth libraries read them: here Nimbus' OAuth 2.0 SDK parses them,
 * loads the keys from their jwks_uri and verifies a login's access token, issuer and audience included. The issuer
 * names the port this instance listens on, so that the URLs of the document lead back to it.
 */
@QuarkusTest
@TestProfile(DiscoveryTests.ReachableIssuer.class)
class DiscoveryTests {

    /** An issuer at which the test instance is reached: a free port, fixed for it. */
    public static class ReachableIssuer implements QuarkusTestProfile {

        static final int PORT = freePort();
        static final String ISSUER = "http://localhost:" + PORT;

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", Integer.toString(PORT), "users.jwt.issuer", ISSUER);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String ISSUER = ReachableIssuer.ISSUER;

    @Test
    void bothDocumentsPublishTheIssuerAndTheEndpointsBelowIt() {
        ExtractableResponse<Response> openId = document("/.well-known/openid-configuration");
        ExtractableResponse<Response> oauth = document("/.well-known/oauth-authorization-server");
        assertThat(oauth.asString()).isEqualTo(openId.asString());

        Map<String, Object> metadata = openId.jsonPath().getMap("");
        assertThat(metadata).containsEntry("issuer", ISSUER)
                .containsEntry("jwks_uri", ISSUER + "/.well-known/jwks.json")
                .containsEntry("token_endpoint", ISSUER + "/auth/token")
                .containsEntry("introspection_endpoint", ISSUER + "/auth/introspect")
                .containsEntry("revocation_endpoint", ISSUER + "/auth/revoke")
                .containsEntry("grant_types_supported", List.of("refresh_token"))
                .containsEntry("token_endpoint_auth_methods_supported", List.of("none"))
                .containsEntry("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic"))
                .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
                .containsEntry("subject_types_supported", List.of("public"))
                .containsEntry("response_types_supported", List.of());
        // no authorization endpoint: this service has none (it is not an OpenID provider)
        assertThat(metadata).doesNotContainKey("authorization_endpoint");

        // docs/api.md shows the document for the issuer https://users.shop.example.com: the same, but for the issuer
        String documented = MarkdownBlocks.of(Path.of("docs", "api.md")).stream()
                .filter(block -> block.language().equals("json") && block.text().contains("\"jwks_uri\""))
                .findFirst().orElseThrow().text().replace("https://users.shop.example.com", ISSUER);
        assertThat(new JsonPath(documented).getMap("")).as("docs/api.md's discovery document").isEqualTo(metadata);
    }

    @Test
    void theTokensIssuerIsTheDocumentsIssuer() {
        Account account = newAccount("Issued");
        assertThat(Jwts.claims(account.token())).containsEntry("iss", ISSUER);
        assertThat(Jwts.issuer()).isEqualTo(ISSUER);
    }

    @Test
    void anOAuthLibraryParsesTheDocumentsAndVerifiesATokenThroughThem() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.parse(document("/.well-known/openid-configuration").asString());
        AuthorizationServerMetadata server = AuthorizationServerMetadata.parse(
                document("/.well-known/oauth-authorization-server").asString());
        assertThat(provider.getIssuer().getValue()).isEqualTo(ISSUER);
        assertThat(server.getIssuer()).isEqualTo(provider.getIssuer());
        assertThat(server.getIntrospectionEndpointURI()).isEqualTo(URI.create(ISSUER + "/auth/introspect"));
        assertThat(server.getRevocationEndpointURI()).isEqualTo(URI.create(ISSUER + "/auth/revoke"));
        assertThat(server.getGrantTypes()).containsExactly(GrantType.REFRESH_TOKEN);
        assertThat(server.getIntrospectionEndpointAuthMethods()).containsExactly(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(provider.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.RS256);

        // the keys from the document's jwks_uri, fetched from this instance, as a resource server would
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(provider.getJWKSetURI().toURL()).retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("ecommerce",
                new JWTClaimsSet.Builder().issuer(provider.getIssuer().getValue()).build(), Set.of("sub", "exp", "iat")));

        Account account = newAccount("Verified elsewhere");
        JWTClaimsSet claims = processor.process(UserApi.token(account.email(), PASSWORD), null);
        assertThat(claims.getSubject()).isEqualTo(Integer.toString(account.id()));
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);

        // and it refuses a token of another issuer, signed with this service's own key
        DefaultJWTProcessor<SecurityContext> elsewhere = new DefaultJWTProcessor<>();
        elsewhere.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        elsewhere.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("ecommerce",
                new JWTClaimsSet.Builder().issuer("https://another-issuer.example").build(), Set.of("sub")));
        assertThatThrownBy(() -> elsewhere.process(account.token(), null)).isInstanceOf(BadJOSEException.class);
    }

    private static ExtractableResponse<Response> document(String path) {
        ExtractableResponse<Response> answer = given().get(path).then().statusCode(200).contentType("application/json")
                .extract();
        assertThat(answer.header("Cache-Control")).as(path).contains("public").contains("max-age=");
        return answer;
    }
}
