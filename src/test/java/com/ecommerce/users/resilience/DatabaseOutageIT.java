package com.ecommerce.users.resilience;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.ecommerce.users.support.CuttableTcpProxy;
import com.ecommerce.users.support.CuttableTcpProxy.Cut;
import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.support.TimedHttp;
import com.ecommerce.users.support.TimedHttp.Answer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged service loses its database and gets it back, through a {@link CuttableTcpProxy}: connections reset,
 * or black-holed. Meanwhile it must stay alive, leave the Service through readiness within the probe window, answer
 * what needs the database with a quick 503 instead of hanging, and after the outage serve again without a restart and
 * without a failed request on a stale pooled connection. A client registers accounts throughout: no 201 may be lost.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class DatabaseOutageIT {

    /** quarkus.datasource.jdbc.acquisition-timeout */
    static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(5);
    /** pgjdbc's socketTimeout: the longest a statement sent just before the network went silent can wait. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(15);
    /** Network and scheduling slack on a small, shared CI machine. */
    static final Duration MARGIN = Duration.ofMillis(1500);
    /** The readiness probe of the manifests: every 5 s, out after 2 failures. */
    static final Duration PROBE_WINDOW = Duration.ofSeconds(10);
    /** The kubelet's probe timeout (readiness-probe.timeout). */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** Far beyond any bound the service should keep: a request this slow hangs. */
    static final Duration HANG = Duration.ofSeconds(60);

    static CuttableTcpProxy proxy;
    static PackagedApp app;
    static TimedHttp http;
    static TestDatabase db;

    @BeforeAll
    static void startBehindProxy() throws IOException {
        Coordinates coordinates = DatabaseCoordinates.current();
        String[] hostPort = coordinates.hostAndPort().split(":");
        proxy = CuttableTcpProxy.start(hostPort[0], hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 5432);
        String proxied = coordinates.jdbcUrl().replace("//" + coordinates.hostAndPort() + "/", "//127.0.0.1:" + proxy.port() + "/");
        Map<String, String> env = new HashMap<>(coordinates.environment());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", proxied);
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        app = PackagedApp.start("database-outage", env);
        app.awaitReady(Duration.ofSeconds(90));
        http = new TimedHttp(app);
        db = new TestDatabase(coordinates.dataSource());
    }

    @AfterEach
    void restore() {
        proxy.restore();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Cut.class)
    void theServiceSurvivesAnOutageFailsFastDuringItAndRecoversWithoutLosingAcknowledgedWrites(Cut cut) throws Exception {
        String readerEmail = uniqueEmail();
        assertThat(http.postJson("/users", json("Reader", readerEmail, PASSWORD), HANG).status()).isEqualTo(201);
        String token = http.postJson("/auth/login", "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(readerEmail, PASSWORD),
                HANG).json().get("access_token").asText();

        // a busy service has many pooled connections, and an outage kills them all
        List<Answer> warmUp = Simultaneously.run(20, i -> {
            try {
                return http.get("/users/me", token, HANG);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(warmUp).extracting(Answer::status).containsOnly(200);
        int pooled = pooledConnections();

        try (Registrations writer = Registrations.start(http)) {
            await("registrations before the outage").atMost(Duration.ofSeconds(30)).until(() -> writer.created() >= 3);

            long cutAt = System.nanoTime();
            writer.phase = "during";
            proxy.cut(cut);

            // readiness: DOWN, with a real 503, within the probe window; liveness unaffected
            await("readiness DOWN").atMost(PROBE_WINDOW).pollInterval(Duration.ofMillis(200))
                    .until(() -> probe("/q/health/ready") == 503);
            Duration readinessDown = since(cutAt);
            assertThat(probe("/q/health/live")).as("liveness during the outage").isEqualTo(200);

            // what needs the database fails fast with a 503 problem and Retry-After, not hanging
            List<Answer> failed = List.of(
                    http.get("/users/me", token, HANG),
                    http.postJson("/auth/login", "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(readerEmail, PASSWORD), HANG),
                    http.postJson("/users", json("Refused", uniqueEmail(), PASSWORD), HANG),
                    http.get("/users/me", token, HANG));
            assertThat(failed).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.contentType()).as(answer.toString()).hasValue(PROBLEM_JSON);
                assertThat(answer.retryAfter()).as(answer.toString()).isPresent();
                assertThat(answer.elapsed()).as(answer.toString()).isLessThanOrEqualTo(ACQUISITION_TIMEOUT.plus(MARGIN));
            });
            await("registrations refused during the outage").atMost(Duration.ofSeconds(30)).until(() -> writer.refused() >= 2);
            assertThat(probe("/q/health/live")).as("liveness during the outage").isEqualTo(200);

            long restoredAt = System.nanoTime();
            writer.phase = "after";
            proxy.restore();
            await("readiness UP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> probe("/q/health/ready") == 200);
            Duration recovery = since(restoredAt);

            // no request fails on a connection the outage left stale in the pool
            for (int i = 0; i < 20; i++) {
                Answer read = http.get("/users/me", token, HANG);
                assertThat(read.status()).as("read %d after recovery: %s", i, read).isEqualTo(200);
            }
            int createdBefore = writer.created();
            await("registrations after the outage").atMost(Duration.ofSeconds(30))
                    .until(() -> writer.created() >= createdBefore + 3);
            writer.stop();

            System.out.printf("[DatabaseOutageIT] %s: %d pooled connections; readiness DOWN %d ms after the cut; during it answers in %s ms; "
                    + "readiness UP %d ms after the restore; registrations %s%n", cut, pooled, readinessDown.toMillis(),
                    failed.stream().map(a -> Long.toString(a.elapsed().toMillis())).toList(), recovery.toMillis(),
                    writer.summary());

            writer.assertNothingLost(db);
        }
    }

    /** A probe as the kubelet makes it, on the management port: a timeout counts as a failure, not as an answer. */
    private static int probe(String path) throws InterruptedException {
        try {
            return http.management(path, PROBE_TIMEOUT).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Connections in the pool, from the Prometheus gauges of /q/metrics. */
    private static int pooledConnections() throws IOException, InterruptedException {
        return (int) (http.metric("agroal_available_count") + http.metric("agroal_active_count"));
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    /** A client registering an account every 50 ms, one at a time, recording what every attempt got. */
    static final class Registrations implements AutoCloseable {

        record Attempt(String phase, String email, Answer answer, Exception failure) {
        }

        private final TimedHttp http;
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        volatile String phase = "before";

        private Registrations(TimedHttp http) {
            this.http = http;
        }

        static Registrations start(TimedHttp http) {
            Registrations registrations = new Registrations(http);
            registrations.scheduler.scheduleWithFixedDelay(registrations::registerOne, 0, 50, TimeUnit.MILLISECONDS);
            return registrations;
        }

        private void registerOne() {
            String attemptPhase = phase;
            String email = uniqueEmail();
            try {
                attempts.add(new Attempt(attemptPhase, email, http.postJson("/users", json("Writer", email, PASSWORD), HANG), null));
            } catch (IOException | InterruptedException e) {
                attempts.add(new Attempt(attemptPhase, email, null, e));
            }
        }

        int created() {
            return (int) attempts.stream().filter(a -> a.answer() != null && a.answer().status() == 201).count();
        }

        int refused() {
            return (int) attempts.stream().filter(a -> "during".equals(a.phase()) && (a.answer() == null || a.answer().status() != 201)).count();
        }

        void stop() throws InterruptedException {
            scheduler.shutdown();
            assertThat(scheduler.awaitTermination(HANG.toSeconds(), TimeUnit.SECONDS)).as("the writer finished").isTrue();
        }

        String summary() {
            Map<String, Map<String, Long>> byPhase = new java.util.TreeMap<>();
            for (Attempt a : attempts) {
                String outcome = a.answer() == null ? a.failure().getClass().getSimpleName() : Integer.toString(a.answer().status());
                byPhase.computeIfAbsent(a.phase(), p -> new java.util.TreeMap<>()).merge(outcome, 1L, Long::sum);
            }
            long slowest = attempts.stream().filter(a -> a.answer() != null).mapToLong(a -> a.answer().elapsed().toMillis()).max().orElse(0);
            return byPhase + ", slowest " + slowest + " ms";
        }

        /** Every 201 is a row; everything else was a 503 problem with Retry-After, never a hang or a 500. */
        void assertNothingLost(TestDatabase db) {
            assertThat(attempts).allSatisfy(a -> {
                assertThat(a.failure()).as("%s attempt for %s", a.phase(), a.email()).isNull();
                // a statement sent just before the network went silent waits out socketTimeout, after its password hash
                assertThat(a.answer().elapsed()).as("%s attempt: %s", a.phase(), a.answer())
                        .isLessThanOrEqualTo(SOCKET_TIMEOUT.plus(MARGIN).plus(MARGIN));
                if (a.answer().status() == 201) {
                    assertThat(db.count("SELECT count(*) FROM users WHERE email = ?", a.email()))
                            .as("row of acknowledged %s", a.email()).isEqualTo(1);
                    assertThat(((Number) db.row("SELECT id FROM users WHERE email = ?", a.email()).get("id")).longValue())
                            .isEqualTo(a.answer().json().get("id").asLong());
                } else {
                    assertThat(a.answer().status()).as("%s attempt: %s", a.phase(), a.answer()).isEqualTo(503);
                    assertThat(a.answer().contentType()).as(a.answer().toString()).hasValue(PROBLEM_JSON);
                    assertThat(a.answer().retryAfter()).as(a.answer().toString()).isPresent();
                }
            });
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }
}
