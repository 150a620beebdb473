package com.ecommerce.users.password;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.TestDatabase;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With every hashing slot taken, a registration is turned away with 503 and Retry-After, and nothing is stored. */
@QuarkusTest
@TestProfile(PasswordHashingOverloadTests.OneSlot.class)
class PasswordHashingOverloadTests {

    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("users.password.hashing.max-concurrency", "1", "users.password.hashing.max-wait", "200ms");
        }
    }

    @Inject
    HashingLimiter limiter;

    @Inject
    PasswordConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void busyHashingIsA503WithRetryAfter() throws Exception {
        assertThat(HashingLimiter.maxConcurrency(config)).isEqualTo(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // its own thread: the common ForkJoin pool may have a single thread, which RestAssured needs too
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> occupant = CompletableFuture.runAsync(() -> limiter.call(() -> {
            holding.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), thread);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        String email = uniqueEmail();
        try {
            register("Patient", email, PASSWORD)
                    .statusCode(503)
                    .contentType(PROBLEM_JSON)
                    .header("Retry-After", "1")
                    .body("type", equalTo("urn:problem:user-service:overloaded"));
        } finally {
            release.countDown();
            occupant.get(10, TimeUnit.SECONDS);
            thread.shutdown();
        }
        assertThat(new TestDatabase(dataSource).count("SELECT count(*) FROM users WHERE email = ?", email)).isZero();

        register("Patient", email, PASSWORD).statusCode(201);
    }
}
