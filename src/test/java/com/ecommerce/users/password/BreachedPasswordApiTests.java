package com.ecommerce.users.password;

import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.PwnedRangeServer;
import com.ecommerce.users.support.PwnedRangeServer.Mode;
import com.ecommerce.users.support.PwnedRangeServer.Received;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The optional second screen, {@code users.password.breach-api-url}, against a local server speaking the Pwned
 * Passwords range protocol (support/PwnedRangeServer): a password it lists is refused as a listed one is; only five hex
 * digits of the SHA-1 leave the service; padding lines do not count; and an API that fails or stalls lets the password
 * through (fail open), counted and logged.
 */
@QuarkusTest
@WithTestResource(PwnedRangeServer.class)
class BreachedPasswordApiTests {

    @Inject
    MeterRegistry metrics;

    /** Start-up asked too, for the bootstrap admin's password. */
    @BeforeEach
    void forgetEarlierRequests() {
        PwnedRangeServer.forget();
    }

    @AfterEach
    void releaseStalledRequests() {
        PwnedRangeServer.release();
    }

    @Test
    void aPasswordTheApiListsIsRefusedAndOnlyAPrefixOfItsHashIsSent() {
        String breached = "a passphrase from a breach " + uniqueEmail();
        PwnedRangeServer.breached(breached, 3);
        double before = refusals("breach-api");

        register("Breached", uniqueEmail(), breached).statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:validation"))
                .body("errors.field", contains("password"))
                .body("errors.message", contains(NotACommonPassword.MESSAGE));

        assertThat(PwnedRangeServer.received()).containsExactly(
                new Received("/range/" + PwnedRangeServer.sha1(breached).substring(0, 5), true));
        assertThat(refusals("breach-api")).isEqualTo(before + 1);
    }

    @Test
    void aPasswordTheApiDoesNotListOrListsOnlyAsPaddingIsAccepted() {
        register("Unbreached", uniqueEmail(), "never seen in a breach " + uniqueEmail()).statusCode(201);
        String padding = "padding only " + uniqueEmail();
        PwnedRangeServer.breached(padding, 0);
        register("Padded", uniqueEmail(), padding).statusCode(201);
        assertThat(PwnedRangeServer.received()).hasSize(2);
    }

    @Test
    void aPasswordOnTheBuiltInListIsRefusedWithoutAskingTheApi() {
        register("Common", uniqueEmail(), "Sunshine1").statusCode(400)
                .body("errors.message", contains(NotACommonPassword.MESSAGE));
        assertThat(PwnedRangeServer.received()).isEmpty();
    }

    @Test
    void anApiThatFailsLetsThePasswordThroughCountedAndLogged() {
        String breached = "breached but the api is down " + uniqueEmail();
        PwnedRangeServer.breached(breached, 5);
        PwnedRangeServer.mode(Mode.FAIL);
        double before = failures("error");
        try (LogCapture log = new LogCapture()) {
            register("Failed Open", uniqueEmail(), breached).statusCode(201);
            assertThat(warnings(log)).singleElement().asString().contains("answered 503")
                    .doesNotContain(breached).doesNotContain(PwnedRangeServer.sha1(breached).substring(0, 5));
        }
        assertThat(failures("error")).isEqualTo(before + 1);
    }

    @Test
    void anApiThatStallsLetsThePasswordThroughAfterTheTimeout() {
        String breached = "breached but the api is slow " + uniqueEmail();
        PwnedRangeServer.breached(breached, 5);
        PwnedRangeServer.mode(Mode.STALL);
        double before = failures("timeout");
        try (LogCapture log = new LogCapture()) {
            long started = System.nanoTime();
            register("Timed Out", uniqueEmail(), breached).statusCode(201);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).as("waited for the timeout (%s), not for the server", PwnedRangeServer.TIMEOUT)
                    .isBetween(400L, 30_000L);
            assertThat(warnings(log)).singleElement().asString().contains("did not answer within 400 ms");
        }
        assertThat(failures("timeout")).isEqualTo(before + 1);
    }

    private static List<String> warnings(LogCapture log) {
        return log.records(BreachedPasswords.class.getName()).stream()
                .filter(r -> r.level().intValue() >= Level.WARNING.intValue()).map(LogCapture.Captured::message).toList();
    }

    private double failures(String cause) {
        return metrics.get("users.password.breach.api.failures").tag("cause", cause).counter().count();
    }

    private double refusals(String source) {
        return metrics.get("users.password.screen.refusals").tag("source", source).counter().count();
    }
}
