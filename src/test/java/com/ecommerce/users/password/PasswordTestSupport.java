package com.ecommerce.users.password;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Builds the hashing beans outside Quarkus, from {@link PasswordConfig}'s defaults plus overrides. */
final class PasswordTestSupport {

    private PasswordTestSupport() {
    }

    static PasswordConfig config(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PasswordConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // "2s", as Quarkus reads it
                .withDefaultValues(overrides)
                .build();
        return config.getConfigMapping(PasswordConfig.class);
    }

    /** A hasher with the implementation that {@code users.password.implementation} (default auto) chooses. */
    static PasswordHasher hasher(Map<String, String> overrides) {
        PasswordConfig config = config(overrides);
        Argon2Implementation argon2 = Argon2Implementations.choose(config)
                .implementation();
        return new PasswordHasher(config, new HashingLimiter(config), argon2);
    }

    static PasswordHasher hasher(Argon2Implementation argon2) {
        PasswordConfig config = config(Map.of());
        return new PasswordHasher(config, new HashingLimiter(config), argon2);
    }

    /**
     * libargon2 from the system. The tests that compare it with Bouncy Castle need it: where it is missing they fail
     * with this message rather than pass on Bouncy Castle alone.
     */
    static LibArgon2 libargon2() {
        try {
            return LibArgon2.load(LibArgon2.DEFAULT_LIBRARY);
        } catch (LibArgon2.LibArgon2UnavailableException e) {
            throw new AssertionError("these tests need libargon2: apt-get install libargon2-1 (.ci/run does)", e);
        }
    }

    static PasswordHasher hasher() {
        return hasher(Map.of());
    }
}
