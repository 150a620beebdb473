package com.ecommerce.users.logging;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RequestIdTests {

    @Test
    void everyResponseCarriesARequestIdAndEveryLogLineOfTheRequestToo() {
        try (MdcCapture logs = new MdcCapture()) {
            String id = given().contentType(ContentType.JSON).body(json("Traced", uniqueEmail(), PASSWORD))
                    .post("/users").then().statusCode(201).extract().header(RequestIdFilters.HEADER);
            assertThat(id).matches("[0-9a-f-]{36}");
            assertThat(logs.requestIdsOf("Registered user id=")).containsExactly(id);
        }
    }

    @Test
    void aWellFormedIncomingIdIsKeptSoItFollowsTheRequestAcrossServices() {
        given().header(RequestIdFilters.HEADER, "gw-7f3a:42").get("/q/health/live").then().statusCode(200);
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
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("jvm_memory_used_bytes")
                .contains("agroal_active_count");
        // one time series per route, not per id: a raw path in a label would grow without bound
        assertThat(metrics).contains("uri=\"/users/{id}\"").doesNotContain("987654321");
    }

    /** Log records with the request id they were logged under. */
    static final class MdcCapture extends Handler implements AutoCloseable {
        private final List<String[]> records = new CopyOnWriteArrayList<>();
        private final Logger root = Logger.getLogger("");

        MdcCapture() {
            setLevel(Level.ALL);
            root.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                records.add(new String[] { ext.getFormattedMessage(), ext.getMdc(RequestIdFilters.MDC_KEY) });
            }
        }

        List<String> requestIdsOf(String messagePrefix) {
            return records.stream().filter(r -> r[0] != null && r[0].startsWith(messagePrefix)).map(r -> r[1]).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }
}
