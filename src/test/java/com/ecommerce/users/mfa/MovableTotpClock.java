package com.ecommerce.users.mfa;

import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The TOTP clock of the in-process tests: the system clock until a test pins it, so a test decides which time step
 * the service is in (no waiting for a step, no flake at a step's boundary).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MovableTotpClock extends TotpClock {

    private volatile Instant pinned;

    @Override
    public Instant now() {
        Instant at = pinned;
        return at == null ? Instant.now() : at;
    }

    /** Pins the clock in the middle of a time step near now; returns that step. */
    public long pinMidStep() {
        long step = Rfc6238.step(Instant.now().getEpochSecond());
        pinStep(step);
        return step;
    }

    public void pinStep(long step) {
        pinned = Instant.ofEpochSecond(step * Rfc6238.STEP_SECONDS + Rfc6238.STEP_SECONDS / 2);
    }

    public void release() {
        pinned = null;
    }
}
