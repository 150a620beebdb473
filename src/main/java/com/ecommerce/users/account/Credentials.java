package com.ecommerce.users.account;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An account as login sees it. {@code passwordHash} never leaves the service. {@code disabledAt}: when an admin
 * disabled it (null: enabled); a disabled account's password is never found right.
 */
@RegisterForReflection // built by a Hibernate "select new" projection
public record Credentials(int id, String emailCanonical, Role role, String passwordHash, Instant passwordChangedAt,
        Instant disabledAt) {

    public boolean disabled() {
        return disabledAt != null;
    }

    @Override
    public String toString() {
        return "Credentials[id=" + id + "]";
    }
}
