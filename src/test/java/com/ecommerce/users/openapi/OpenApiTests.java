package com.ecommerce.users.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document and Swagger UI, on the management interface (not on the API port: ManagementInterfaceTests). */
@QuarkusTest
class OpenApiTests {

    @TestHTTPResource(value = "", management = true)
    URI management;

    @Test
    void documentsEveryOperationWithProblemErrors() {
        given().port(management.getPort()).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", containsString("user-service"))
                .body("paths", hasKey("/users"))
                .body("paths", hasKey("/users/{id}"))
                .body("paths.'/users'.post.responses.'409'.content", hasKey("application/problem+json"))
                .body("paths.'/users/{id}'.patch.requestBody.content", hasKey("application/merge-patch+json"))
                .body("paths.'/users/{id}'.patch.responses.'412'.content", hasKey("application/problem+json"))
                .body("paths.'/users'.get.responses.'400'.content.'application/problem+json'.examples", notNullValue())
                .body("components.schemas", hasKey("Problem"))
                .body("components.securitySchemes.bearer.scheme", org.hamcrest.Matchers.equalTo("bearer"))
                .body("components.securitySchemes.password.flows.password.tokenUrl", org.hamcrest.Matchers.equalTo("/auth/login"))
                .body("paths.'/users'.get.security.bearer", notNullValue())
                .body("paths.'/users'.get.responses", hasKey("403"))
                .body("paths.'/users/{id}'.get.responses", hasKey("401"))
                .body("paths.'/users/me/password'.put.responses", hasKey("403"))
                .body("paths.'/auth/login'.post.responses.'401'.content", hasKey("application/problem+json"))
                .body("paths", hasKey("/.well-known/jwks.json"))
                .body("components.schemas.NewUser.properties", hasKey("password"))
                .body("components.schemas.User.properties", org.hamcrest.Matchers.not(hasKey("password")));
    }

    @Test
    void servesSwaggerUi() {
        given().port(management.getPort()).when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
