package com.ecommerce.users.user;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The first admin ({@code users.bootstrap-admin.*}; {@link BootstrapAdmin}); unset by default. */
@ConfigMapping(prefix = "users.bootstrap-admin")
public interface BootstrapAdminConfig {

    /** The first admin's address (USERS_BOOTSTRAP_ADMIN_EMAIL). */
    Optional<String> email();

    /** Its password, from a Secret (USERS_BOOTSTRAP_ADMIN_PASSWORD): under the rules of any new password. */
    Optional<String> password();
}
