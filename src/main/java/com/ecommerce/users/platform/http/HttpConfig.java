package com.ecommerce.users.platform.http;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How requests reach this service: {@code users.http.*}. */
@ConfigMapping(prefix = "users.http")
public interface HttpConfig {

    /**
     * Proxies in front of the service that append to X-Forwarded-For (the ALB on EKS: 1); 0: the socket's peer is the
     * client (anything else could be forged). See {@link ClientAddress}.
     */
    @WithDefault("0")
    @Min(0)
    int trustedProxyHops();
}
