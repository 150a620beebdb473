package com.ecommerce.users.account;

import java.time.Instant;

/**
 * What token verification needs to know of an account on every request. {@code sessionExpiresAt}: when the token's
 * session ends unless refreshed; null when the token names no session, or one that no longer exists.
 */
public record AccountStatus(Role role, Instant passwordChangedAt, Instant sessionExpiresAt) {

    /** Whether the session named by the token is still there and not past its expiry at {@code now}. */
    public boolean sessionLiveAt(Instant now) {
        return sessionExpiresAt != null && sessionExpiresAt.isAfter(now);
    }
}
