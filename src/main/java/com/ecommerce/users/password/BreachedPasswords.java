package com.ecommerce.users.password;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The optional second screen: a range API of breached passwords ({@code users.password.breach-api-url}), asked with
 * the k-anonymity protocol of Have I Been Pwned's Pwned Passwords. Only the first 5 hex digits of the password's
 * SHA-1 leave the service; the API answers every suffix it knows under that prefix ({@code SUFFIX:COUNT} lines,
 * padded with {@code :0} decoys on request) and the match is made here. The password is hashed exactly as it will be
 * stored: the API's corpus holds passwords as typed.
 *
 * <p>Fail open: an API that is slow ({@code breach-api-timeout}), unreachable or answers anything but {@code 200}
 * does not block registrations, resets and changes; the password is accepted, with a WARN and
 * {@code users.password.breach.api.failures}. The JDK's HTTP client rather than a REST client extension: one GET
 * of text lines.
 */
@Singleton
public class BreachedPasswords {

    private static final Logger LOG = Logger.getLogger(BreachedPasswords.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Optional<String> rangeBase;
    private final Duration timeout;
    private final HttpClient client;
    private final Counter timeouts;
    private final Counter errors;

    BreachedPasswords(PasswordConfig config, MeterRegistry metrics) {
        this.rangeBase = config.breachApiUrl().map(BreachedPasswords::rangeBase);
        this.timeout = config.breachApiTimeout();
        // built only when asked for: a client starts a selector thread
        this.client = rangeBase.isEmpty() ? null
                : HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeouts = failures(metrics, "timeout");
        this.errors = failures(metrics, "error");
    }

    /** Whether the API lists {@code password}; {@code false} when it is not configured or did not answer. */
    public boolean listed(String password) {
        if (rangeBase.isEmpty()) {
            return false;
        }
        String sha1 = HEX.formatHex(sha1(password));
        String suffix = sha1.substring(5);
        HttpRequest request = HttpRequest.newBuilder(URI.create(rangeBase.get() + sha1.substring(0, 5)))
                .timeout(timeout).header("Add-Padding", "true").header("User-Agent", "user-service").GET().build();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        try {
            // the whole exchange, body included, within the timeout (the request's own covers only the headers)
            HttpResponse<String> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (response.statusCode() != 200) {
                return failOpen(errors, "answered " + response.statusCode());
            }
            return response.body().lines().anyMatch(line -> breached(line, suffix));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return failOpen(timeouts, "did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) { // the client's own timeout (connect, headers) fired first
                return failOpen(timeouts, "did not answer within " + timeout.toMillis() + " ms");
            }
            return failOpen(errors, "failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return failOpen(errors, "was interrupted");
        }
    }

    /** {@code SUFFIX:COUNT}; a padding line has the count 0. */
    private static boolean breached(String line, String suffix) {
        int colon = line.indexOf(':');
        if (colon != suffix.length() || !line.regionMatches(true, 0, suffix, 0, colon)) {
            return false;
        }
        String count = line.substring(colon + 1).strip();
        return count.chars().allMatch(c -> c >= '0' && c <= '9') && count.chars().anyMatch(c -> c != '0');
    }

    private boolean failOpen(Counter counter, String what) {
        counter.increment();
        LOG.warnf("The breached-password API %s: the new password was accepted without its check "
                + "(users.password.breach-api-url, docs/security.md)", what);
        return false;
    }

    private static String rangeBase(URI url) {
        String scheme = url.getScheme();
        if ((!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) || url.getHost() == null) {
            throw new IllegalStateException("users.password.breach-api-url must be an http(s) URL");
        }
        String base = url.toString();
        return (base.endsWith("/") ? base : base + "/") + "range/";
    }

    private static Counter failures(MeterRegistry metrics, String cause) {
        return Counter.builder("users.password.breach.api.failures")
                .description("New passwords accepted without the breached-password API's answer (fail open)")
                .tag("cause", cause).register(metrics);
    }

    private static byte[] sha1(String password) {
        try {
            // SHA-1 because the protocol is keyed by it; nothing here relies on its collision resistance
            return MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
    }
}
