package com.ecommerce.users.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.support.TimedHttp;
import com.ecommerce.users.support.TimedHttp.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * 200 logins at once against the packaged app running with the pod's memory settings (the Deployment's
 * JAVA_TOOL_OPTIONS, its memory limit as -XX:MaxRAM and its CPU limit). Half of the accounts carry the FastAPI
 * app's passlib hashes (100 MiB each to verify, the most a login costs here). The hashing slots turn the excess away
 * with 503 and Retry-After instead of queueing it into an OutOfMemoryError, RSS stays under the limit, and the heap
 * is back to where it was once the flood is over.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class LoginFloodIT {

    private static final String DATABASE = "user_service_login_flood";
    private static final int LOGINS = 200;
    private static final String PASSWORD = "flood password 1";

    /** Longest wait for one answer: a queued login gets its 503 after the 2 s hashing wait. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void twoHundredConcurrentLoginsStayUnderTheMemoryLimitAndTheExcessIsTurnedAwayWith503() throws Exception {
        Container pod = Manifests.one(Manifests.load(Path.of("target", "kubernetes", "kubernetes.yml")), Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().getFirst();
        long limitMib = Quantity.getAmountInBytes(pod.getResources().getLimits().get("memory")).longValue() >> 20;
        String cpus = pod.getResources().getLimits().get("cpu").getAmount();
        String javaToolOptions = pod.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(EnvVar::getValue).findFirst().orElseThrow();
        JsonNode passlib = passlibVector();

        Coordinates db = DatabaseCoordinates.current().freshDatabase(DATABASE);
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        // what the JVM sees in the container: its limits
        env.put("JAVA_TOOL_OPTIONS", javaToolOptions + " -XX:MaxRAM=" + limitMib + "m -XX:ActiveProcessorCount=" + cpus);
        // and the allocator settings it runs with (libargon2's hash memory comes from malloc)
        pod.getEnv().stream().filter(e -> e.getName().equals("GLIBC_TUNABLES")).forEach(e -> env.put(e.getName(), e.getValue()));
        try (PackagedApp app = PackagedApp.start("login-flood", env)) {
            app.awaitReady(Duration.ofSeconds(120));
            TimedHttp http = new TimedHttp(app);
            assertThat(http.postJson("/users", """
                    {"name":"Flood","email":"template@flood.example","password":"%s"}""".formatted(PASSWORD), TIMEOUT)
                    .status()).isEqualTo(201);
            seed(db, passlib.get("hash").asText());
            // every code path warmed once, then the baseline
            assertThat(login(http, "current-1@flood.example", PASSWORD).status()).isEqualTo(200);
            assertThat(login(http, "passlib-1@flood.example", passlib.get("password").asText()).status()).isEqualTo(200);
            long heapBefore = heapAfterFullGc(app, http);

            List<Answer> answers = Simultaneously.run(LOGINS, i -> i % 2 == 0
                    ? login(http, "current-" + (i + 2) + "@flood.example", PASSWORD)
                    : login(http, "passlib-" + (i + 2) + "@flood.example", passlib.get("password").asText()));

            assertThat(app.process().isAlive()).as("the service survived the flood").isTrue();
            assertThat(app.output()).doesNotContain("java.lang.OutOfMemoryError");
            long ok = answers.stream().filter(a -> a.status() == 200).count();
            List<Answer> refused = answers.stream().filter(a -> a.status() != 200).toList();
            assertThat(ok).as("logins served").isPositive();
            assertThat(refused).as("the excess is turned away").isNotEmpty().allSatisfy(a -> {
                assertThat(a.status()).isEqualTo(503);
                assertThat(a.contentType()).hasValue("application/problem+json");
                assertThat(a.retryAfter()).isPresent();
                assertThat(a.body()).contains("urn:problem:user-service:overloaded");
            });
            if (isJvm(app)) { // a native executable has no attach API: its RSS is checked below all the same
                long heapAfter = heapAfterFullGc(app, http);
                assertThat(heapAfter).as("heap after a full GC, %d MiB before the flood", heapBefore >> 20)
                        .isLessThan(heapBefore + (32L << 20));
            }
            long peakRssMib = peakRssMib(app);
            assertThat(peakRssMib).as("peak RSS (MiB) against the container limit").isLessThan(limitMib);
            assertThat(login(http, "current-1@flood.example", PASSWORD).status()).as("serving as before").isEqualTo(200);
            System.out.printf("login flood: %d served, %d refused with 503, peak RSS %d MiB of %d MiB%n",
                    ok, refused.size(), peakRssMib, limitMib);
        }
    }

    /** Accounts current-N with the service's own hash and passlib-N with the FastAPI app's. */
    private static void seed(Coordinates db, String passlibHash) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO users (name, email, password)
                        SELECT 'Flood ' || g, 'current-' || g || '@flood.example',
                               (SELECT password FROM users WHERE email = 'template@flood.example')
                        FROM generate_series(1, ?) g
                        UNION ALL
                        SELECT 'Flood ' || g, 'passlib-' || g || '@flood.example', ? FROM generate_series(1, ?) g""")) {
            insert.setInt(1, LOGINS + 1);
            insert.setString(2, passlibHash);
            insert.setInt(3, LOGINS + 1);
            assertThat(insert.executeUpdate()).isEqualTo(2 * (LOGINS + 1));
        }
    }

    private static Answer login(TimedHttp http, String email, String password) {
        try {
            return http.postJson("/auth/login", """
                    {"email":"%s","password":"%s"}""".formatted(email, password), TIMEOUT);
        } catch (IOException e) {
            throw new AssertionError("POST /auth/login failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean isJvm(PackagedApp app) {
        return app.process().info().command().map(c -> c.endsWith("java")).orElse(false);
    }

    /** Heap in use after a full collection (jcmd GC.run), read from the service's own metrics. */
    private static long heapAfterFullGc(PackagedApp app, TimedHttp http) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(app.process().pid()), "GC.run")
                .redirectErrorStream(true).start();
        String output = new String(gc.getInputStream().readAllBytes());
        assertThat(gc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gc.exitValue()).as("jcmd GC.run: " + output).isZero();
        return (long) http.metric("jvm_memory_used_bytes", "area=\"heap\"");
    }

    private static long peakRssMib(PackagedApp app) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(app.process().pid()), "status")).stream()
                .filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10)
                .findFirst().orElseThrow();
    }

    private static JsonNode passlibVector() throws IOException {
        try (InputStream in = LoginFloodIT.class.getResourceAsStream("/password-vectors/passlib-vectors.json")) {
            for (JsonNode vector : new ObjectMapper().readTree(in).get("verify")) {
                if (vector.get("scheme").asText().equals("passlib-default")) {
                    return vector;
                }
            }
        }
        throw new IllegalStateException("no passlib-default vector");
    }
}
