package com.ecommerce.users.password;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Password hashing settings ({@code users.password.*}). The Argon2id defaults are OWASP's
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html).
 */
@ConfigMapping(prefix = "users.password")
public interface PasswordConfig {

    /**
     * Which Argon2 implementation computes the hashes: {@code auto} takes libargon2 where the library loads and Bouncy
     * Castle otherwise; {@code libargon2} or {@code bouncy-castle} force one (a forced libargon2 that cannot load stops
     * the start-up). Chosen once, at start-up.
     */
    @WithDefault("auto")
    Implementation implementation();

    /** The file name (or path) of libargon2 that {@code auto} and {@code libargon2} load. */
    @WithDefault("libargon2.so.1")
    String libargon2Library();

    enum Implementation {
        AUTO, LIBARGON2, BOUNCY_CASTLE
    }

    /**
     * A range API of breached passwords that new passwords are also screened against, speaking the k-anonymity
     * protocol of Have I Been Pwned's Pwned Passwords ({@code GET <url>/range/<first 5 hex digits of the SHA-1>}):
     * for example {@code https://api.pwnedpasswords.com}. Unset (the default): only the built-in list is consulted.
     */
    Optional<URI> breachApiUrl();

    /** How long a new password waits for the range API; past it, or on any failure, the password is accepted. */
    @WithDefault("1s")
    Duration breachApiTimeout();

    /** Parameters of the hashes this service writes. */
    Argon2 argon2();

    /** How many hashes may run at once and how long a request may wait for its turn. */
    Hashing hashing();

    /** Upper bounds for the parameters of stored hashes that {@code verify} agrees to compute. */
    Accepted accepted();

    interface Argon2 {
        @WithDefault("19456")
        @Min(1024)
        int memoryKib();

        @WithDefault("2")
        @Min(1)
        int iterations();

        @WithDefault("1")
        @Min(1)
        @Max(255)
        int parallelism();

        @WithDefault("16")
        @Min(16)
        @Max(64)
        int saltLength();

        @WithDefault("32")
        @Min(16)
        @Max(64)
        int hashLength();
    }

    interface Hashing {
        /** Hashes computed at once; defaults to the number of CPUs the JVM sees. */
        OptionalInt maxConcurrency();

        /** How long a request waits for a hashing slot before it is answered 503. */
        @WithDefault("2s")
        Duration maxWait();
    }

    interface Accepted {
        /** The heap must hold max-concurrency times this much; passlib's default is 102400. */
        @WithDefault("131072")
        int maxMemoryKib();

        @WithDefault("16")
        int maxIterations();

        @WithDefault("64")
        int maxParallelism();

        /**
         * bcrypt's cost is a power of two: 16 takes tens of seconds and 30 days, holding a hashing slot all along.
         * passlib's default is 12.
         */
        @WithDefault("14")
        int maxBcryptCost();
    }
}
