package com.ecommerce.users.verification;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Email verification ({@code users.verification.*}). */
@ConfigMapping(prefix = "users.verification")
public interface VerificationConfig {

    /** How long a verification link works. */
    @WithDefault("24h")
    Duration tokenLifetime();

    /** Resends (POST /users/me/email-verification) per account: one per this interval... */
    @WithDefault("1m")
    Duration resendInterval();

    /** ...and at most this many a day. */
    @WithDefault("5")
    @Min(1)
    int resendMaxPerDay();
}
