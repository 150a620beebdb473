package com.ecommerce.users.platform.telemetry;

import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.OtlpReceiver;
import com.ecommerce.users.support.OtlpReceiver.ReceivedSpan;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged application with and without an OTLP endpoint: with one, it exports each request's trace (under the
 * caller's traceparent) to a collector in this JVM, and its JSON log lines carry the trace; without one, it records
 * no span at all, so nothing can be sent.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class TracingIT {

    private static final Duration EXPORTED_WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exportsEachRequestsTraceUnderTheCallersTraceparent() throws Exception {
        String password = "tracing secret " + UUID.randomUUID();
        String email = uniqueEmail();
        try (OtlpReceiver collector = OtlpReceiver.start();
                PackagedApp app = PackagedApp.start("tracing-exported", environment(Map.of(
                        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint(),
                        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                        // a batch every 50 ms instead of 5 s, so that the test waits for little
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "50ms")))) {
            app.awaitReady(Duration.ofSeconds(90));

            Caller registration = new Caller();
            given().baseUri(app.baseUri()).header("traceparent", registration.traceparent())
                    .header("X-Request-Id", registration.requestId).contentType(ContentType.JSON)
                    .body(json("Traced", email, password)).post("/users").then().statusCode(201);
            List<ReceivedSpan> trace = collector.awaitTrace(registration.traceId,
                    spans -> server(spans, registration) != null, EXPORTED_WITHIN);
            ReceivedSpan server = server(trace, registration);
            assertThat(server.service()).isEqualTo("user-service");
            assertThat(server.name()).isEqualTo("POST /users");
            assertJdbcChildOf(server, trace);
            ReceivedSpan hash = childNamed("password.hash", server, trace);
            assertThat(hash.attribute("password.algorithm")).isEqualTo("argon2id");
            assertThat(hash.attribute("password.argon2.memory_kib")).isEqualTo("19456");
            assertThat(hash.attribute("password.argon2.iterations")).isEqualTo("2");
            assertThat(hash.attribute("password.argon2.parallelism")).isEqualTo("1");

            JsonNode line = logLine(app, registration.requestId, "account.registered ");
            assertThat(line.path("mdc").path("traceId").asText()).isEqualTo(registration.traceId);
            assertThat(line.path("mdc").path("spanId").asText()).isEqualTo(server.spanId());

            Caller login = new Caller();
            given().baseUri(app.baseUri()).header("traceparent", login.traceparent()).contentType(ContentType.JSON)
                    .body("{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password))
                    .post("/auth/login").then().statusCode(200);
            List<ReceivedSpan> loginTrace = collector.awaitTrace(login.traceId,
                    spans -> server(spans, login) != null, EXPORTED_WITHIN);
            ReceivedSpan loginServer = server(loginTrace, login);
            assertThat(loginServer.name()).isEqualTo("POST /auth/login");
            assertJdbcChildOf(loginServer, loginTrace);
            assertThat(childNamed("password.verify", loginServer, loginTrace).attribute("password.algorithm"))
                    .isEqualTo("argon2id");

            assertThat(collector.refused()).isEmpty();
            // no span says the password, a hash or the address: the JDBC statements' text has ? for every value
            assertThat(collector.spans()).flatExtracting(ReceivedSpan::attributes).isNotEmpty().allSatisfy(a -> assertThat(
                    a.getValue().toString()).doesNotContain(password).doesNotContain("$argon2").doesNotContain(email));
        }
    }

    @Test
    void withoutAnEndpointNoSpanIsRecordedSoNoneIsSent() throws Exception {
        try (PackagedApp app = PackagedApp.start("tracing-off", environment(Map.of()))) {
            app.awaitReady(Duration.ofSeconds(90));
            Caller caller = new Caller();
            given().baseUri(app.baseUri()).header("traceparent", caller.traceparent())
                    .header("X-Request-Id", caller.requestId).contentType(ContentType.JSON)
                    .body(json("Untraced", uniqueEmail(), "untraced password 1")).post("/users").then().statusCode(201);

            JsonNode mdc = logLine(app, caller.requestId, "account.registered ").path("mdc");
            assertThat(mdc.path("requestId").asText()).isEqualTo(caller.requestId);
            // the SDK is off: not even the caller's trace is taken up, there is no span to export
            assertThat(mdc.has("traceId")).as("traceId in " + mdc).isFalse();
            assertThat(mdc.has("spanId")).as("spanId in " + mdc).isFalse();
            assertThat(app.output()).doesNotContainIgnoringCase("export");
        }
    }

    /** A caller with its own trace: a W3C traceparent naming its span, and a request id. */
    private static final class Caller {
        final String traceId = random(16);
        final String spanId = random(8);
        final String requestId = "tracing-it-" + random(4);

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }

        private static String random(int bytes) {
            byte[] id = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(id);
            id[0] |= 1; // never all zeros, which W3C reserves as invalid
            return HexFormat.of().formatHex(id);
        }
    }

    /** The service's server span, child of the caller's span; null while not received. */
    private static ReceivedSpan server(List<ReceivedSpan> trace, Caller caller) {
        return trace.stream().filter(s -> s.kind() == SpanKind.SPAN_KIND_SERVER)
                .filter(s -> s.parentSpanId().equals(caller.spanId)).findFirst().orElse(null);
    }

    private static void assertJdbcChildOf(ReceivedSpan server, List<ReceivedSpan> trace) {
        assertThat(trace).as("JDBC spans under " + server.name() + " in " + names(trace))
                .anySatisfy(s -> {
                    assertThat(s.parentSpanId()).isEqualTo(server.spanId());
                    assertThat(s.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
                    assertThat(s.attribute("db.system")).isEqualTo("postgresql");
                });
    }

    private static ReceivedSpan childNamed(String name, ReceivedSpan server, List<ReceivedSpan> trace) {
        return trace.stream().filter(s -> s.name().equals(name) && s.parentSpanId().equals(server.spanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " under " + server.name() + " in " + names(trace)));
    }

    private static List<String> names(List<ReceivedSpan> trace) {
        return trace.stream().map(s -> s.name() + " (" + s.kind() + ", parent " + s.parentSpanId() + ")").toList();
    }

    /** The JSON log line of this request whose message starts so. */
    private static JsonNode logLine(PackagedApp app, String requestId, String message) throws IOException {
        for (String line : app.output().lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode json = JSON.readTree(line);
            if (json.path("message").asText().startsWith(message)
                    && requestId.equals(json.path("mdc").path("requestId").asText())) {
                return json;
            }
        }
        throw new AssertionError("no JSON log line \"" + message + "...\" of request " + requestId + ":\n" + app.output());
    }

    private static Map<String, String> environment(Map<String, String> tracing) {
        Map<String, String> env = new HashMap<>(DatabaseCoordinates.current().environment());
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        env.putAll(tracing);
        return env;
    }
}
