package com.ecommerce.users.account;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An account as login sees it. {@code passwordHash} never leaves the service. */
@RegisterForReflection // built by a Hibernate "select new" projection
public record Credentials(int id, String emailCanonical, Role role, String passwordHash, Instant passwordChangedAt) {

    @Override
    public String toString() {
        return "Credentials[id=" + id + "]";
    }
}
