package com.ecommerce.users.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The probes, on the management interface (the API port answers 404 there: ManagementInterfaceTests). */
@QuarkusTest
class HealthTests {

    private static final String DATABASE_CHECK = "Database connections health check";

    @TestHTTPResource(value = "", management = true)
    URI management;

    @Test
    void livenessIsUpAndDoesNotDependOnTheDatabase() {
        given().port(management.getPort()).when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(DATABASE_CHECK)));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().port(management.getPort()).when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(DATABASE_CHECK));
    }

    @Test
    void startupIsUpOnceStarted() {
        given().port(management.getPort()).when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }
}
