package com.ecommerce.users.password;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.ecommerce.users.password.LibArgon2.LibArgon2UnavailableException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Chooses the {@link Argon2Implementation} once, at start-up ({@code users.password.implementation}), says which in
 * one log line, and shows it as the metric {@code users_password_hasher_info{implementation="..."} 1}, so that a pod
 * that fell back to the slower Bouncy Castle is visible on the dashboards, not only in its logs.
 */
@ApplicationScoped
class Argon2Implementations {

    private static final Logger LOG = Logger.getLogger(Argon2Implementations.class);

    /** The chosen implementation, and why, for the log line. */
    record Choice(Argon2Implementation implementation, String reason) {
    }

    @Produces
    @Singleton
    @Startup
    Argon2Implementation chosen(PasswordConfig config, MeterRegistry registry) {
        Choice choice = choose(config);
        LOG.infof("Argon2 implementation: %s (%s)", choice.implementation().name(), choice.reason());
        Gauge.builder("users.password.hasher.info", () -> 1)
                .description("The Argon2 implementation this instance hashes passwords with")
                .tag("implementation", choice.implementation().name())
                .register(registry);
        return choice.implementation();
    }

    static Choice choose(PasswordConfig config) {
        String library = config.libargon2Library();
        return switch (config.implementation()) {
            case BOUNCY_CASTLE -> new Choice(new BouncyCastleArgon2(), "users.password.implementation=bouncy-castle");
            // forced: a missing library is a deployment error, so the exception stops the start-up
            case LIBARGON2 -> new Choice(LibArgon2.load(library, Argon2Buffers.of(config)), library + ", users.password.implementation=libargon2");
            case AUTO -> {
                try {
                    yield new Choice(LibArgon2.load(library, Argon2Buffers.of(config)), library);
                } catch (LibArgon2UnavailableException e) {
                    yield new Choice(new BouncyCastleArgon2(), "fallback: " + e.getMessage());
                }
            }
        };
    }
}
