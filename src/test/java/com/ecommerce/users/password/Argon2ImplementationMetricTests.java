package com.ecommerce.users.password;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Which implementation an instance hashes with is visible from outside: a Prometheus info metric. */
@QuarkusTest
class Argon2ImplementationMetricTests {

    @Inject
    PasswordHasher hasher;

    @TestHTTPResource(value = "", management = true)
    URI management;

    @Test
    void theMetricNamesTheImplementationChosenAtStartUp() {
        PasswordTestSupport.libargon2(); // installed here, so auto must have chosen it

        String metrics = given().port(management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("users_password_hasher_info{implementation=\"libargon2\"} 1.0")
                .doesNotContain("implementation=\"bouncy-castle\"");
        assertThat(hasher.verify("secret123", hasher.hash("secret123"))).isTrue();
    }
}
