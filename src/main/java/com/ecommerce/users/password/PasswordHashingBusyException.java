package com.ecommerce.users.password;

import java.time.Duration;

/** Every hashing slot stayed busy for the configured wait: the caller should retry later (HTTP 503). */
public class PasswordHashingBusyException extends RuntimeException {

    private final Duration retryAfter;

    public PasswordHashingBusyException(Duration retryAfter) {
        super("Password hashing capacity exhausted", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
