package com.ecommerce.users.recovery;

import static com.ecommerce.users.support.Mailbox.awaitMail;
import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.Mailbox;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.support.TimedHttp;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * A recovery request for an address an account has and one for an address nobody has get the same answer, and must
 * not be told apart by /q/metrics either: on a packaged application of its own (no other test's traffic), every
 * series moves by the same amount across the two requests, the background work of each included (the lookup, and for
 * the known address the token and the mail, which arrives at the test's SMTP server). Only the families that move by
 * themselves are left out, each for the reason {@link #NOISE} gives.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class RecoveryMetricsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String AUDITED = "password.recovery-requested";
    private static final String CLIENT = uniqueClient();

    /** Families left out of the comparison, and why each says nothing about the requests. */
    private static final Map<Pattern, String> NOISE = Map.of(
            Pattern.compile("jvm_.*"), "the JVM's heap, collections, threads, classes and compilations change with time "
                    + "and allocation, not per request",
            Pattern.compile("process_.*"), "CPU time, uptime and open files of the process move by themselves",
            Pattern.compile("system_.*"), "the machine's load and CPU usage, shared with other processes",
            Pattern.compile("netty_allocator_memory_.*"), "Netty's pooled buffers grow in 64 KiB chunks when any I/O "
                    + "needs one, the scrapes' included, like the heap",
            Pattern.compile(".*_seconds_(sum|max|bucket|duration_sum)|agroal_.*_time_.*"), "durations (the requests', "
                    + "the connections' and the pool's waits): the timing of the answer is RecoveryRequestPathTests' "
                    + "concern (it waits for nothing an account causes); here they would compare scheduler noise. "
                    + "Their counts (_count) are compared",
            Pattern.compile("http_server_bytes_written_(sum|max)"), "the scrapes' own answers are in them, whose size "
                    + "depends on every value scraped; the two answers' bodies and headers are compared byte for byte "
                    + "by PasswordRecoveryTests#knownAndUnknownAddressesGetTheSameAnswer, and their count here");

    @Test
    void aKnownAndAnUnknownAddressMoveEverySeriesAlike() throws Exception {
        DatabaseCoordinates.Coordinates db = DatabaseCoordinates.current();
        Map<String, String> env = new HashMap<>(db.environment());
        env.putAll(Mailbox.environment());
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // a client address of this test's own (X-Forwarded-For), so its requests spend no other test's recovery limit
        env.put("USERS_HTTP_TRUSTED_PROXY_HOPS", "1");
        try (PackagedApp app = PackagedApp.start("recovery-metrics", env)) {
            app.awaitReady(Duration.ofSeconds(90));
            TimedHttp http = new TimedHttp(app);
            String known = uniqueEmail();
            assertThat(http.postJson("/users", json("Known", known, PASSWORD), TIMEOUT).status()).isEqualTo(201);
            awaitMail(known, 1);

            // once each beforehand, so that every meter these requests create exists before the measurement
            recover(app, http, uniqueEmail());
            recover(app, http, known);
            awaitResetToken(known, 1);

            Map<String, Double> before = series(http.metrics());
            recover(app, http, uniqueEmail());
            Map<String, Double> between = series(http.metrics());
            recover(app, http, known);
            awaitResetToken(known, 2); // the mail went out: its work is done
            Map<String, Double> after = series(http.metrics());

            assertThat(differences(before, between, after)).as("series that moved differently for the unknown address "
                    + "(first) and the known one (second)").isEmpty();
        }
    }

    /**
     * Asks for a reset link and waits for the background task to end (its audit line). Every request comes from the
     * same client, so that the requests are alike to the byte but for the address, itself of one length.
     */
    private static void recover(PackagedApp app, TimedHttp http, String email) throws Exception {
        long done = audited(app);
        assertThat(http.postJson("/auth/password-recovery", "{\"email\": \"" + email + "\"}",
                Map.of("X-Forwarded-For", CLIENT), TIMEOUT).status()).isEqualTo(202);
        Awaitility.await("the background task's audit line").atMost(TIMEOUT).until(() -> audited(app) == done + 1);
    }

    private static long audited(PackagedApp app) {
        return app.output().lines().filter(line -> line.contains(AUDITED)).count();
    }

    private static List<String> differences(Map<String, Double> before, Map<String, Double> between,
            Map<String, Double> after) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(between.keySet());
        names.addAll(after.keySet());
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            if (NOISE.keySet().stream().anyMatch(noise -> noise.matcher(family(name)).matches())) {
                continue;
            }
            String unknown = delta(before.get(name), between.get(name));
            String known = delta(between.get(name), after.get(name));
            if (!unknown.equals(known)) {
                differences.add(name + ": " + unknown + " / " + known);
            }
        }
        return differences;
    }

    /** How a series changed: by a number, or it appeared or went away. */
    private static String delta(Double from, Double to) {
        if (from == null || to == null) {
            return from == to ? "absent" : from == null ? "appeared at " + to : "gone";
        }
        return "+" + (to - from);
    }

    private static String family(String series) {
        int labels = series.indexOf('{');
        return labels < 0 ? series : series.substring(0, labels);
    }

    /** Each series of a Prometheus text scrape (name and labels) with its value. */
    static Map<String, Double> series(String scrape) {
        Map<String, Double> series = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String value = line.substring(space + 1);
            series.put(line.substring(0, space), switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            });
        }
        return series;
    }
}
