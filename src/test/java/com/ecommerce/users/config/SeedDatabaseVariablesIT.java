package com.ecommerce.users.config;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/** In production the FastAPI app's DATABASE_* variables are enough: its Kubernetes Secret can be reused. */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class SeedDatabaseVariablesIT {

    @Test
    void thePackagedAppRunsOnTheSeedAppsVariablesAlone() throws Exception {
        DatabaseCoordinates.Coordinates db = DatabaseCoordinates.current();
        try (PackagedApp app = PackagedApp.start("seed-variables", Map.of(
                "DATABASE_HOST", db.hostAndPort(),
                "DATABASE_NAME", db.database(),
                "DATABASE_USERNAME", db.username(),
                "DATABASE_PASSWORD", db.password() == null ? "" : db.password(),
                "USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile()))) {
            app.awaitReady(Duration.ofSeconds(60));

            given().baseUri(app.baseUri()).contentType(ContentType.JSON).body(json("Env", uniqueEmail(), PASSWORD))
                    .post("/users").then().statusCode(201);
            given().baseUri(app.managementUri()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }
    }
}
