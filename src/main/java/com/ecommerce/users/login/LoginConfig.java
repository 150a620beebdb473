package com.ecommerce.users.login;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The login ({@code users.login.*}; its throttle: {@code users.login.throttle.*}, throttle.ThrottleConfig). */
@ConfigMapping(prefix = "users.login")
public interface LoginConfig {

    /**
     * A failed login is answered no earlier than this after it started, whatever the account's stored hash: above the
     * slowest verification ({@link LoginFailureFloor}).
     */
    @WithDefault("500ms")
    Duration failureFloor();
}
