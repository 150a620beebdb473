package com.ecommerce.users.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests to a {@link PackagedApp} that measure how long the answer took and never wait longer than a timeout, for
 * tests where a hanging request is the failure being looked for. A timeout surfaces as
 * {@link java.net.http.HttpTimeoutException}. {@link #get} and {@link #postJson} go to the API, {@link #management}
 * and {@link #metric} to the management interface.
 */
public final class TimedHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUri;
    private final String managementUri;

    public TimedHttp(PackagedApp app) {
        this(app.baseUri(), app.managementUri());
    }

    /** For the application a {@code @QuarkusIntegrationTest} started: its API and management interface. */
    public TimedHttp(String baseUri, String managementUri) {
        this.baseUri = baseUri;
        this.managementUri = managementUri;
    }

    public record Answer(int status, Optional<String> contentType, Optional<String> retryAfter, String body,
            Duration elapsed) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType.orElse("-") + " after " + elapsed.toMillis() + " ms: " + body;
        }
    }

    public Answer get(String path, String bearerToken, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(timeout).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    /** A GET on the management interface, such as a probe of /q/health/ready. */
    public Answer management(String path, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(managementUri + path)).timeout(timeout).GET().build());
    }

    public Answer postJson(String path, String json, Duration timeout) throws IOException, InterruptedException {
        return postJson(path, json, Map.of(), timeout);
    }

    /** The same, with these request headers too. */
    public Answer postJson(String path, String json, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A Prometheus metric of the management interface's /q/metrics, summed over its series; fails when there is none. */
    public double metric(String name) throws IOException, InterruptedException {
        return metric(name, "");
    }

    /** The same, over the series whose labels include {@code label} (such as {@code area="heap"}). */
    public double metric(String name, String label) throws IOException, InterruptedException {
        String metrics = metrics();
        String labels = label.isEmpty() ? "(?:\\{[^}]*})?" : "\\{[^}]*" + Pattern.quote(label) + "[^}]*}";
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + labels + " (\\S+)$").matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (series.find()) {
            sum += Double.parseDouble(series.group(1));
            found = true;
        }
        if (!found) {
            throw new AssertionError("no metric " + name + " in /q/metrics");
        }
        return sum;
    }

    /** The whole Prometheus scrape of /q/metrics, in its text format. */
    public String metrics() throws IOException, InterruptedException {
        Answer scrape = management("/q/metrics", Duration.ofSeconds(5));
        if (scrape.status() != 200) {
            throw new AssertionError("/q/metrics: " + scrape);
        }
        return scrape.body();
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type"),
                response.headers().firstValue("Retry-After"), response.body(), elapsed);
    }
}
