package com.ecommerce.users.recovery;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Password recovery ({@code users.recovery.*}). The mails per address are the cap of every mail,
 * {@code users.mail.max-per-recipient-*} (mail.RecipientCap).
 */
@ConfigMapping(prefix = "users.recovery")
public interface RecoveryConfig {

    /** How long a reset link works. */
    @WithDefault("30m")
    Duration tokenLifetime();

    /** Recovery requests per client address per {@link #clientWindow}; further ones get 429. */
    @WithDefault("10")
    @Min(1)
    int maxPerClient();

    @WithDefault("15m")
    Duration clientWindow();
}
