package com.ecommerce.users.platform.http;

import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health, metrics, OpenAPI and Swagger UI are on the management interface, which asks for no authentication and stays
 * inside the cluster; the API port, the one the Service and the ALB expose, does not serve them (docs/security.md).
 * /q/metrics there told whether an address has an account (the password-check counters) and which hasher runs.
 */
@QuarkusTest
class ManagementInterfaceTests {

    @TestHTTPResource(value = "", management = true)
    URI management;

    @ParameterizedTest
    @ValueSource(strings = { "/q/metrics", "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
            "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html" })
    void isNotServedOnTheApiPortWhereItIsA404Problem(String path) {
        given().redirects().follow(false).get(path)
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("status", equalTo(404)).body("title", equalTo("Not Found")).body("instance", equalTo(path));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/metrics", "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
            "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/" })
    void answersOnTheManagementPort(String path) {
        given().port(management.getPort()).get(path).then().statusCode(200);
    }

    @Test
    void theManagementPortServesNoApi() {
        given().port(management.getPort()).get("/users/me").then().statusCode(404);
        given().port(management.getPort()).get("/.well-known/jwks.json").then().statusCode(404);
        given().port(management.getPort()).formParam("username", "a@example.com").formParam("password", "x")
                .post("/auth/login").then().statusCode(404);
    }
}
