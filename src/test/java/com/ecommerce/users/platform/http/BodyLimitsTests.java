package com.ecommerce.users.platform.http;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.ecommerce.users.support.HttpConnection;
import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.RawHttp;
import com.ecommerce.users.support.RawHttp.Header;
import com.ecommerce.users.user.UserApi;
import com.ecommerce.users.user.UserApi.Account;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The size limits of request bodies, on every operation that reads one (each {@code @Consumes}): a body over
 * {@code quarkus.http.limits.max-body-size} that announces no length (chunked) and a form of more fields than
 * {@code quarkus.http.limits.max-form-fields} are refused with a 413 problem, like any other client error: no 5xx, no
 * ERROR and no stack trace in the log (an oversized body is one WARN line at most). Sent over a socket, byte for byte;
 * the answer is read until the server closes the connection.
 */
@QuarkusTest
class BodyLimitsTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String FORM = "application/x-www-form-urlencoded";

    /** An operation that reads a body: its method, path and media type, and whether it needs a token. */
    record Operation(String method, String path, String mediaType, boolean authenticated) {

        @Override
        public String toString() {
            return method + " " + path + " (" + mediaType + ")";
        }
    }

    static Stream<Operation> bodyOperations() {
        return Stream.of(
                new Operation("POST", "/users", "application/json", false),
                new Operation("PATCH", "/users/{self}", MERGE_PATCH, true),
                new Operation("PATCH", "/users/me", MERGE_PATCH, true),
                new Operation("PUT", "/users/me/password", "application/json", true),
                new Operation("POST", "/auth/login", "application/json", false),
                new Operation("POST", "/auth/login", FORM, false),
                new Operation("POST", "/auth/token", "application/json", false),
                new Operation("POST", "/auth/token", FORM, false),
                new Operation("POST", "/auth/logout", "application/json", false),
                new Operation("POST", "/auth/logout", FORM, false),
                new Operation("POST", "/auth/verify-email", "application/json", false),
                new Operation("POST", "/auth/password-recovery", "application/json", false),
                new Operation("POST", "/auth/reset-password", "application/json", false));
    }

    static Stream<Operation> formOperations() {
        return bodyOperations().filter(operation -> operation.mediaType().equals(FORM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyOperations")
    void aChunkedBodyOverTheLimitIsA413ProblemAndAtMostOneWarning(Operation operation) {
        Account account = UserApi.newAccount("Chunked");
        byte[] body = padded(operation, maxBodySize() + 1);

        try (LogCapture logs = new LogCapture()) {
            RawHttp.Response response = sendChunked(operation, account, body, "keep-alive");

            assertProblem(response, 413, operation);
            assertThat(json(response).path("detail").asText()).isEqualTo(
                    "The request body is larger than " + maxBodySize() + " bytes");
            // the rest of the body is not read: the server closes the connection the client asked to keep
            assertThat(response.header("Connection")).isEqualTo("close");
            assertNoErrorNorStackTrace(logs);
            assertThat(logs.atOrAbove(Level.WARN)).as("warnings").hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnreadAndTheConnectionClosed() {
        byte[] body = padded(new Operation("POST", "/users", "application/json", false), maxBodySize() + 1);
        List<Header> headers = List.of(new Header("Content-Type", "application/json"), new Header("Connection", "keep-alive"));
        try (LogCapture logs = new LogCapture()) {
            RawHttp.Response response = RawHttp.send("POST", "/users", headers, body, TIMEOUT);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertNoErrorNorStackTrace(logs);
        }
    }

    @Test
    void requestsReadToTheirEndKeepTheirConnectionForTheNext() {
        Account account = UserApi.newAccount("Kept alive");
        byte[] login = ("{\"email\": \"" + account.email() + "\", \"password\": \"" + PASSWORD + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Header json = new Header("Content-Type", "application/json");
        try (HttpConnection connection = HttpConnection.open(TIMEOUT)) {
            assertThat(connection.send("GET", "/.well-known/jwks.json", List.of(), null).status()).isEqualTo(200);
            assertThat(connection.send("POST", "/auth/login", List.of(json, new Header("Transfer-Encoding", "chunked")),
                    RawHttp.chunked(login, 16)).status()).isEqualTo(200);
            assertThat(connection.send("POST", "/auth/login", List.of(json), login).status()).isEqualTo(200);
            assertThat(connection.send("GET", "/users/me", List.of(new Header("Authorization", "Bearer " + account.token())),
                    null).status()).isEqualTo(200);
        }
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsRead() {
        Account account = UserApi.newAccount("Chunked at the limit");
        Operation login = new Operation("POST", "/auth/login", "application/json", false);
        String credentials = "{\"email\": \"" + account.email() + "\", \"password\": \"" + PASSWORD + "\"}";
        byte[] body = (credentials + " ".repeat((int) maxBodySize() - credentials.length()))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize((int) maxBodySize());

        RawHttp.Response response = sendChunked(login, account, body, "close");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(json(response).path("token_type").asText()).isEqualTo("bearer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formOperations")
    void aFormOfTwelveHundredEmptyFieldsIsA413Problem(Operation operation) {
        try (LogCapture logs = new LogCapture()) {
            RawHttp.Response response = send(operation, "&".repeat(1200));

            assertProblem(response, 413, operation);
            assertThat(json(response).path("detail").asText()).isEqualTo(
                    "The form has more than " + maxFormFields() + " fields");
            assertNoErrorNorStackTrace(logs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formOperations")
    void aFormOfExactlyTheMostFieldsReachesTheOperation(Operation operation) {
        List<String> fields = new ArrayList<>(List.of("grant_type=none"));
        while (fields.size() < maxFormFields()) {
            fields.add("extra" + fields.size() + "=x");
        }
        RawHttp.Response atLimit = send(operation, String.join("&", fields));
        // the operation itself answers: the grant type is wrong, or (logout) the refresh token is missing
        assertProblem(atLimit, 400, operation);

        fields.add("one=more");
        assertProblem(send(operation, String.join("&", fields)), 413, operation);
    }

    /** With {@code Connection: keep-alive}, the answer is complete only once the server closes the connection. */
    private static RawHttp.Response sendChunked(Operation operation, Account account, byte[] body, String connection) {
        List<Header> headers = new ArrayList<>(List.of(new Header("Content-Type", operation.mediaType()),
                new Header("Transfer-Encoding", "chunked"), new Header("Connection", connection)));
        if (operation.authenticated()) {
            headers.add(new Header("Authorization", "Bearer " + account.token()));
        }
        String path = operation.path().replace("{self}", Integer.toString(account.id()));
        return RawHttp.send(operation.method(), path, headers, RawHttp.chunked(body, 8192), TIMEOUT);
    }

    private static RawHttp.Response send(Operation operation, String form) {
        List<Header> headers = List.of(new Header("Content-Type", operation.mediaType()));
        return RawHttp.send(operation.method(), operation.path(), headers, form.getBytes(StandardCharsets.US_ASCII), TIMEOUT);
    }

    /** A body of {@code size} bytes of the operation's media type, whose length alone is wrong with it. */
    private static byte[] padded(Operation operation, long size) {
        String start = operation.mediaType().equals(FORM) ? "refresh_token=" : "{\"name\": \"";
        String end = operation.mediaType().equals(FORM) ? "" : "\"}";
        return (start + "x".repeat((int) size - start.length() - end.length()) + end).getBytes(StandardCharsets.UTF_8);
    }

    private static void assertProblem(RawHttp.Response response, int status, Operation operation) {
        assertThat(response.status()).as("%s: %s", operation, response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("%s", operation).startsWith(PROBLEM_JSON);
        assertThat(json(response).path("status").asInt()).isEqualTo(status);
    }

    private static void assertNoErrorNorStackTrace(LogCapture logs) {
        assertThat(logs.atOrAbove(Level.ERROR)).as("errors logged").isEmpty();
        assertThat(logs.withStackTrace()).as("stack traces logged").isEmpty();
    }

    private static JsonNode json(RawHttp.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.text(), e);
        }
    }

    private static long maxBodySize() {
        return ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
    }

    private static int maxFormFields() {
        return ConfigProvider.getConfig().getValue("quarkus.http.limits.max-form-fields", Integer.class);
    }
}
