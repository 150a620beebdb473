package com.ecommerce.users.introspection;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Token introspection ({@code users.introspection.*}). */
@ConfigMapping(prefix = "users.introspection")
public interface IntrospectionConfig {

    /**
     * The clients allowed to introspect tokens, with HTTP Basic: {@code id:secret} pairs separated by commas, from a
     * Secret (USERS_INTROSPECTION_CLIENTS). Empty: every introspection is answered 401.
     */
    Optional<String> clients();
}
