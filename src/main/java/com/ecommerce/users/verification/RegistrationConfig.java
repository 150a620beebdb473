package com.ecommerce.users.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a registration must prove before it may log in ({@code users.registration.*}). */
@ConfigMapping(prefix = "users.registration")
public interface RegistrationConfig {

    /** With true, an account logs in only once its email address is verified ({@link VerifiedEmailRequirement}). */
    @WithDefault("false")
    boolean requireVerifiedEmail();
}
