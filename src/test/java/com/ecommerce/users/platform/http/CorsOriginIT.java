package com.ecommerce.users.platform.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application in production: allowed origins come from QUARKUS_HTTP_CORS_ORIGINS, never a wildcard. */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class CorsOriginIT {

    @Test
    void productionAllowsNoOtherOriginByDefault() {
        given().header("Origin", "https://shop.example.com").header("Access-Control-Request-Method", "GET")
                .when().options("/users/me")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theOriginsComeFromTheEnvironment() throws Exception {
        Map<String, String> env = environment("https://shop.example.com,https://admin.example.com");
        try (PackagedApp app = PackagedApp.start("cors-origins-from-env", env)) {
            app.awaitReady(Duration.ofSeconds(60));
            HttpResponse<Void> preflight = preflight(app.baseUri(), "https://admin.example.com");
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://admin.example.com");
            // Quarkus sends "false" when told not to allow credentials; only "true" would let a browser send any
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isNotEqualTo(Optional.of("true"));
        }
    }

    @Test
    void productionRefusesToStartWithAWildcardOrigin() throws Exception {
        try (PackagedApp app = PackagedApp.start("cors-wildcard-origin", environment("*"))) {
            assertThat(app.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(app.output()).contains("Invalid CORS origin(s) [*]").contains("QUARKUS_HTTP_CORS_ORIGINS");
        }
    }

    private static Map<String, String> environment(String origins) {
        Map<String, String> env = new HashMap<>(DatabaseCoordinates.current().environment());
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        env.put("QUARKUS_HTTP_CORS_ORIGINS", origins);
        return env;
    }

    private static HttpResponse<Void> preflight(String baseUri, String origin) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "/users/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
