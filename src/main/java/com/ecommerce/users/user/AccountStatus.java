package com.ecommerce.users.user;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What token verification needs to know of an account on every request; {@code sessionLive} whether the token's
 * session (if it names one) has not ended.
 */
@RegisterForReflection // built by a Hibernate "select new" projection
public record AccountStatus(Role role, Instant passwordChangedAt, boolean sessionLive) {
}
