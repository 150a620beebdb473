package com.ecommerce.users.login;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sessions and their refresh tokens ({@code users.session.*}). */
@ConfigMapping(prefix = "users.session")
public interface SessionConfig {

    /** A session unused this long ends; every refresh starts the period again (sliding expiry). */
    @WithDefault("30d")
    Duration idleTimeout();

    /** No session lives longer than this from its login, however often it is refreshed: then a password again. */
    @WithDefault("90d")
    Duration maxLifetime();

    /** Sessions an account keeps at most; a login beyond ends the least recently used ones. Bounds the table. */
    @WithDefault("50")
    @Min(1)
    int maxPerAccount();

    /**
     * Used (rotated) tokens a session keeps for reuse detection, the most recently issued: bounds its rows however
     * often it is refreshed. An older one that comes back is refused as unknown, without ending the session.
     */
    @WithDefault("100")
    @Min(1)
    int rotatedTokensKept();

    /**
     * The grace window of a rotation: a rotated token presented again within this of its rotation gets the same
     * successor again (a retry whose answer was lost, two tabs refreshing at once) instead of ending the session as a
     * reuse; later, it is a reuse. 0 turns it off. Its trade-off: docs/security.md, "Sessions and refresh tokens".
     */
    @WithDefault("10s")
    Duration refreshReuseInterval();

    /** How often each replica purges expired and revoked rows (SessionPurge reads it as "${users.session.purge-every}"). */
    @WithDefault("1h")
    Duration purgeEvery();

    /** How long after start-up the first purge runs (as "${users.session.purge-delay}"): not while a replica starts. */
    @WithDefault("1m")
    Duration purgeDelay();
}
