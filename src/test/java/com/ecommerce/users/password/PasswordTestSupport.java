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

    static PasswordHasher hasher(Map<String, String> overrides) {
        PasswordConfig config = config(overrides);
        return new PasswordHasher(config, new HashingLimiter(config));
    }

    static PasswordHasher hasher() {
        return hasher(Map.of());
    }
}
