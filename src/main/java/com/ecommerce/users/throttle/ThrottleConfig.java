package com.ecommerce.users.throttle;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Brute-force protection of passwords ({@code users.login.throttle.*}). */
@ConfigMapping(prefix = "users.login.throttle")
public interface ThrottleConfig {

    /** Failures for one email address from one client address before that pair is locked. */
    @WithDefault("5")
    @Min(1)
    int lockAfterFailures();

    /**
     * Failures for one email address from all client addresses together before it is locked for everybody: the
     * ceiling on guesses spread over many addresses. Looser, so that one address cannot lock the owner out.
     */
    @WithDefault("50")
    @Min(1)
    int accountLockAfterFailures();

    /** The first lock; each further failure doubles it. */
    @WithDefault("2s")
    Duration firstLock();

    /** No lock lasts longer: an attacker cannot keep an account locked for good by failing on purpose. */
    @WithDefault("15m")
    Duration maxLock();

    /** Failures older than this are forgotten, and their rows purged. */
    @WithDefault("1h")
    Duration forgetAfter();
}
