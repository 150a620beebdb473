package com.ecommerce.users.throttle;

import java.time.Duration;

/** A request over its {@link RateLimit}: 429, with how long to wait. */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("rate limited", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
