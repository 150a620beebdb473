package com.ecommerce.users.platform.http;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.LogCapture;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RequestIdTests {

    @TestHTTPResource(value = "", management = true)
    URI management;

    @Test
    void everyResponseCarriesARequestIdAndEveryLogLineOfTheRequestToo() {
        try (LogCapture logs = new LogCapture()) {
            String id = given().contentType(ContentType.JSON).body(json("Traced", uniqueEmail(), PASSWORD))
                    .post("/users").then().statusCode(201).extract().header(RequestIdFilters.HEADER);
            assertThat(id).matches("[0-9a-f-]{36}");
            assertThat(logs.records("audit")).filteredOn(line -> "account.registered".equals(line.mdc().get("event")))
                    .extracting(line -> line.mdc().get(RequestIdFilters.MDC_KEY)).containsExactly(id);
        }
    }

    @Test
    void aWellFormedIncomingIdIsKeptSoItFollowsTheRequestAcrossServices() {
        given().port(management.getPort()).header(RequestIdFilters.HEADER, "gw-7f3a:42").get("/q/health/live")
                .then().statusCode(200);
        given().header(RequestIdFilters.HEADER, "gw-7f3a:42").get("/users/me")
                .then().statusCode(401).header(RequestIdFilters.HEADER, "gw-7f3a:42");
    }

    @Test
    void anyOtherIncomingIdIsReplacedSoItCannotForgeLogLines() {
        for (String hostile : List.of("a b", "x".repeat(65), "id\"}{\"level\":\"ERROR", "<script>")) {
            String id = given().header(RequestIdFilters.HEADER, hostile).get("/users/me")
                    .then().statusCode(401).extract().header(RequestIdFilters.HEADER);
            assertThat(id).isNotEqualTo(hostile).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/users/987654321").then().statusCode(401);
        String metrics = given().port(management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("jvm_memory_used_bytes")
                .contains("agroal_active_count");
        // one time series per route, not per id: a raw path in a label would grow without bound
        assertThat(metrics).contains("uri=\"/users/{id}\"").doesNotContain("987654321");
    }
}
