package com.ecommerce.users.resilience;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.support.TimedHttp;
import com.ecommerce.users.support.TimedHttp.Answer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * SIGTERM, as Kubernetes sends it, while registrations are in progress. What Quarkus 3.33 does: readiness DOWN at once
 * (the "Graceful Shutdown" check) while requests are still served, with Connection: close, for quarkus.shutdown.delay;
 * then it waits up to quarkus.shutdown.timeout for the requests in progress, closes the listener and exits with 143.
 * No registration it accepted is cut off or lost.
 * <p>
 * The registrations are held in progress by a lock on the users table, which this test releases only once the delay is
 * over: whether they are still running then does not depend on how fast the machine hashes.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class GracefulShutdownIT {

    static final int IN_FLIGHT = 10;
    /** Shorter than production's 5 s, to keep the test quick. */
    static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(2);
    /** quarkus.shutdown.timeout, as in production. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
    /** What the JVM reports after its shutdown hooks ran on SIGTERM: 128 + 15. */
    static final int EXIT_ON_SIGTERM = 143;
    static final Duration HANG = Duration.ofSeconds(60);
    /** The kubelet's probe timeout (readiness-probe.timeout). */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void sigtermTakesTheInstanceOutOfRotationThenDrainsEveryRequestInProgress() throws Exception {
        Coordinates coordinates = DatabaseCoordinates.current();
        Map<String, String> env = new HashMap<>(coordinates.environment());
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        env.put("QUARKUS_SHUTDOWN_DELAY", SHUTDOWN_DELAY.toSeconds() + "s");

        try (PackagedApp app = PackagedApp.start("graceful-shutdown", env);
                Connection lock = coordinates.dataSource().getConnection()) {
            app.awaitReady(Duration.ofSeconds(90));
            TimedHttp http = new TimedHttp(app);
            int port = URI.create(app.baseUri()).getPort();
            // every registration's INSERT waits for this lock (SHARE conflicts with the INSERT's ROW EXCLUSIVE)
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE users IN SHARE MODE");
            }

            List<String> emails = new ArrayList<>();
            List<Future<Completed>> inFlight = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
            for (int i = 0; i < IN_FLIGHT; i++) {
                String email = uniqueEmail();
                emails.add(email);
                inFlight.add(clients.submit(() -> {
                    Answer answer = http.postJson("/users", json("In flight", email, PASSWORD), HANG);
                    return new Completed(answer, System.nanoTime());
                }));
            }
            // every registration has reached the service (the metrics request counts itself)
            await("registrations in progress").atMost(Duration.ofSeconds(30))
                    .until(() -> http.metric("http_server_active_requests") >= IN_FLIGHT + 1);

            long sigtermAt = System.nanoTime();
            app.process().destroy(); // SIGTERM

            // readiness is polled like a kubelet would, only faster, until the listener refuses connections; the
            // registrations go on once the delay is over
            Shutdown seen = new Shutdown();
            AtomicBoolean released = new AtomicBoolean();
            await("the listener closing").atMost(SHUTDOWN_DELAY.plus(SHUTDOWN_TIMEOUT).plusSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!released.get() && since(sigtermAt).compareTo(SHUTDOWN_DELAY) > 0) {
                            assertThat(inFlight).as("registrations answered while held").noneMatch(Future::isDone);
                            lock.rollback();
                            released.set(true);
                        }
                        return seen.observe(http, port, sigtermAt);
                    });

            int exitCode = app.awaitExit(SHUTDOWN_DELAY.plus(SHUTDOWN_TIMEOUT).plusSeconds(10));
            Duration exitedAfter = since(sigtermAt);
            clients.shutdown();

            List<Completed> completed = new ArrayList<>();
            for (Future<Completed> request : inFlight) {
                completed.add(request.get());
            }
            Duration lastCompleted = completed.stream().map(c -> Duration.ofNanos(c.atNanos() - sigtermAt))
                    .max(Duration::compareTo).orElseThrow();
            System.out.printf("[GracefulShutdownIT] after SIGTERM: readiness DOWN at %s (%s), connections refused at %s, "
                    + "last registration answered at %s, exit %d at %s; new requests: %s%n", seen.firstDown, seen.downBody,
                    seen.refused, lastCompleted, exitCode, exitedAfter, seen.newRequests);

            // every registration in progress finished normally, and is a row
            TestDatabase db = new TestDatabase(coordinates.dataSource());
            for (int i = 0; i < IN_FLIGHT; i++) {
                assertThat(completed.get(i).answer().status()).as("registration %d: %s", i, completed.get(i).answer()).isEqualTo(201);
                assertThat(db.count("SELECT count(*) FROM users WHERE email = ?", emails.get(i))).as(emails.get(i)).isEqualTo(1);
            }
            // out of rotation within the delay, and for the whole delay before the listener closed; meanwhile, what
            // load balancers still send is served (Quarkus 3.33 never answers 503 itself: it adds Connection: close)
            assertThat(seen.firstDown).as("readiness DOWN after SIGTERM").isNotNull().isLessThan(SHUTDOWN_DELAY);
            assertThat(seen.downBody).contains("Graceful Shutdown");
            assertThat(seen.refused).as("connections refused after SIGTERM").isGreaterThanOrEqualTo(SHUTDOWN_DELAY);
            assertThat(seen.newRequests).as("new requests after SIGTERM").isNotEmpty().allMatch(r -> r.endsWith(": 401"));
            // the drain mattered: requests were still running when the delay was over, and finished
            assertThat(released).as("held until the delay was over").isTrue();
            assertThat(lastCompleted).as("last registration answered").isGreaterThan(SHUTDOWN_DELAY);
            assertThat(exitCode).as(app.output()).isEqualTo(EXIT_ON_SIGTERM);
            assertThat(exitedAfter).isLessThan(SHUTDOWN_DELAY.plus(SHUTDOWN_TIMEOUT));
        }
    }

    record Completed(Answer answer, long atNanos) {
    }

    /** What the service did after the signal: when readiness first answered 503, when connections were refused. */
    static final class Shutdown {

        Duration firstDown;
        String downBody;
        Duration refused;
        /** How a new API request fared over time: its status whenever it changed. */
        final List<String> newRequests = new ArrayList<>();
        private int lastStatus;

        boolean observe(TimedHttp http, int port, long sigtermAt) throws InterruptedException {
            if (!accepts(port)) {
                refused = since(sigtermAt);
                return true;
            }
            try {
                Answer ready = http.management("/q/health/ready", PROBE_TIMEOUT);
                if (ready.status() == 503 && firstDown == null) {
                    firstDown = since(sigtermAt);
                    downBody = ready.body();
                }
                int status = http.get("/users/me", null, PROBE_TIMEOUT).status();
                if (status != lastStatus) {
                    newRequests.add(since(sigtermAt).toMillis() + " ms: " + status);
                    lastStatus = status;
                }
            } catch (IOException e) {
                // closing under our feet: the next poll sees the refusal
            }
            return false;
        }

        private static boolean accepts(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
