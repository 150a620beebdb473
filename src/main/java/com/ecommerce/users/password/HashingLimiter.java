package com.ecommerce.users.password;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bounds how many password hashes run at once. Each Argon2 computation holds its whole memory cost (on the heap with
 * Bouncy Castle, in native memory with libargon2) and a CPU for tens of milliseconds, so an unbounded number of
 * simultaneous logins would end in an OutOfMemoryError; past the bound a request waits, fairly, for at most
 * {@code max-wait}, then gets a 503.
 */
@ApplicationScoped
public class HashingLimiter {

    private final Semaphore slots;
    private final Duration maxWait;
    private final ThreadLocal<Boolean> holdsSlot = ThreadLocal.withInitial(() -> false);

    HashingLimiter(PasswordConfig config) {
        this.maxWait = config.hashing().maxWait();
        this.slots = new Semaphore(maxConcurrency(config), true);
    }

    /** Runs {@code work} in a slot; a caller that holds one already (CredentialCheck, around its hash) keeps it. */
    public <T> T call(Supplier<T> work) {
        if (holdsSlot.get()) {
            return work.get();
        }
        boolean acquired;
        try {
            acquired = slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new PasswordHashingBusyException(retryAfter());
        }
        holdsSlot.set(true);
        try {
            return work.get();
        } finally {
            holdsSlot.set(false);
            slots.release();
        }
    }

    /** Also how many of libargon2's buffers are kept ({@link Argon2Buffers}). */
    static int maxConcurrency(PasswordConfig config) {
        return config.hashing().maxConcurrency().orElse(Runtime.getRuntime().availableProcessors());
    }

    /** By then the queue a client saw has usually drained. */
    private Duration retryAfter() {
        return maxWait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : maxWait;
    }
}
