package com.ecommerce.users.mail;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The mails to accounts ({@code users.mail.*}); the sender and the SMTP server are {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "users.mail")
public interface MailConfig {

    /**
     * The web shop's address, which the links of the mails start with: {@code <link-base>/verify-email?token=...} and
     * {@code <link-base>/reset-password?token=...}, pages of the shop that post the token to this service.
     */
    @WithDefault("http://localhost:3000")
    @Pattern(regexp = "https?://[^\\s?#]+[^/\\s?#]", message = "must be an http(s) URL without a trailing slash, query or fragment")
    String linkBase();

    /** Tries to send one mail before giving up (and logging it): the first plus the retries. */
    @WithDefault("4")
    @Min(1)
    @Max(10)
    int sendAttempts();

    /** The wait before the first retry, doubled for each further one up to {@link #maxRetryBackoff}. */
    @WithDefault("10s")
    Duration retryBackoff();

    @WithDefault("2m")
    Duration maxRetryBackoff();

    /**
     * How long one attempt may take before it counts as failed and is retried: a send that neither succeeds nor fails
     * (a pooled SMTP connection the server stopped answering on) would otherwise never be retried.
     */
    @WithDefault("1m")
    Duration attemptTimeout();

    /**
     * Mails to one address (its canonical form) per hour, of every kind together; further ones are held back
     * ({@link RecipientCap}).
     */
    @WithDefault("3")
    @Min(1)
    int maxPerRecipientHour();

    /** ...and per day. */
    @WithDefault("10")
    @Min(1)
    int maxPerRecipientDay();
}
