package com.ecommerce.users.user.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.ecommerce.users.user.Role;
import com.ecommerce.users.user.User;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The first admin comes from configuration: the account whose email equals {@code users.bootstrap-admin.email}
 * (any letter case) holds the admin role, whether it registers before this start or after it.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final Optional<String> email;

    BootstrapAdmin(@ConfigProperty(name = "users.bootstrap-admin.email") Optional<String> email) {
        this.email = email.map(String::strip).filter(e -> !e.isEmpty());
    }

    public boolean is(String candidate) {
        return email.isPresent() && candidate != null && email.get().equalsIgnoreCase(candidate.strip());
    }

    /** An account registered before this start (or demoted by hand in the database) gets its role back. */
    void promote(@Observes StartupEvent event) {
        email.ifPresent(address -> {
            long promoted = QuarkusTransaction.requiringNew().call(() -> User.update(
                    "role = ?1 where lower(email) = lower(?2) and role <> ?1", Role.ADMIN, address));
            if (promoted > 0) {
                LOG.info("Granted the admin role to the bootstrap admin account");
            }
        });
    }
}
