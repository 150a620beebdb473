package com.ecommerce.users.login;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Answers a failed login no earlier than {@code users.login.failure-floor} after it started, so that its timing is the
 * same for an unknown address, a locked one, and an account whatever its stored hash (a passlib hash of the FastAPI
 * era costs several times a native one). The wait is a timer, not a sleeping thread: it holds no CPU, no worker
 * thread and no database connection. Successful logins are answered at once.
 */
@ApplicationScoped
public class LoginFailureFloor {

    private static final Logger LOG = Logger.getLogger(LoginFailureFloor.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final Duration floor;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    LoginFailureFloor(LoginConfig config) {
        this.floor = config.failureFloor();
    }

    /** Runs {@code login}; a {@link LoginFailedException} it throws becomes a failure delivered at the floor. */
    public <T> Uni<T> answer(long startedNanos, Supplier<T> login) {
        try {
            return Uni.createFrom().item(login.get());
        } catch (LoginFailedException e) {
            long elapsed = System.nanoTime() - startedNanos;
            long remainingMillis = Duration.ofNanos(floor.toNanos() - elapsed).toMillis(); // timers count whole ms
            if (remainingMillis < 1) {
                warnBeyondFloor(elapsed);
                return Uni.createFrom().failure(e);
            }
            return Uni.createFrom().<T> nullItem().onItem().delayIt().by(Duration.ofMillis(remainingMillis + 1))
                    .onItem().failWith(() -> e);
        }
    }

    // a failure past the floor can be told apart by its timing: the operator needs to raise the floor
    private void warnBeyondFloor(long elapsedNanos) {
        if (elapsedNanos < floor.toNanos()) {
            return; // within the last millisecond of the floor
        }
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("A failed login took %d ms, beyond users.login.failure-floor (%d ms): its timing can tell "
                    + "accounts apart; raise the floor above the slowest verification (bench/login-timing)",
                    Duration.ofNanos(elapsedNanos).toMillis(), floor.toMillis());
        }
    }
}
