package com.ecommerce.users.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * For property tests that throw generated values at one parser of the API: sends them byte for byte ({@link RawHttp},
 * so that no client library repairs or refuses them) and checks the answer is the named 4xx problem.
 */
public final class HttpInputs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private HttpInputs() {
    }

    /** Every byte of {@code text}'s UTF-8 form percent-encoded, except RFC 3986's unreserved characters. */
    public static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    /** {@code text} without the control characters a header line cannot carry (tab stays). */
    public static String headerText(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0A-\\x1F\\x7F]", "");
    }

    /** How the server sees a header value sent as UTF-8: one ISO-8859-1 character per byte. */
    public static String asReceived(String headerValue) {
        return new String(headerValue.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    public static RawHttp.Response send(String method, String target, String token, List<RawHttp.Header> headers,
            String contentType, String body) {
        List<RawHttp.Header> all = new ArrayList<>(headers);
        if (token != null) {
            all.add(new RawHttp.Header("Authorization", "Bearer " + token));
        }
        if (contentType != null) {
            all.add(new RawHttp.Header("Content-Type", contentType));
        }
        return RawHttp.send(method, target, all, body == null ? null : body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
    }

    /** The answer is a problem of exactly {@code status}; {@code input} names the generated value in a failure. */
    public static void assertProblem(RawHttp.Response response, int status, String input) {
        String context = "input [" + input.replace("\t", "\\t") + "] answered " + response.status() + ": " + response.text();
        assertThat(response.status()).as(context).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(context).startsWith("application/problem+json");
        try {
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("status").asInt()).as(context).isEqualTo(status);
        } catch (java.io.IOException e) {
            throw new AssertionError(context, e);
        }
    }
}
