package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class HashingLimiterTests {

    @Test
    void aCallerPastTheBoundWaitsAtMostMaxWaitThenIsTurnedAway() throws Exception {
        HashingLimiter limiter = new HashingLimiter(PasswordTestSupport.config(Map.of(
                "users.password.hashing.max-concurrency", "1",
                "users.password.hashing.max-wait", "100ms")));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> limiter.call(() -> {
            holding.countDown();
            await(release);
            return "done";
        }), thread);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        assertThatThrownBy(() -> limiter.call(() -> "second"))
                .isInstanceOfSatisfying(PasswordHashingBusyException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(limiter.call(() -> "third")).as("the slot is free again").isEqualTo("third");
        thread.shutdown();
    }

    @Test
    void defaultsToOneSlotPerCpu() {
        assertThat(HashingLimiter.maxConcurrency(PasswordTestSupport.config(Map.of())))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
