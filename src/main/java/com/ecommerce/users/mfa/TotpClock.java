package com.ecommerce.users.mfa;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The time TOTP codes are checked against: the system clock; a bean so that tests can move it. */
@ApplicationScoped
public class TotpClock {

    public Instant now() {
        return Instant.now();
    }
}
