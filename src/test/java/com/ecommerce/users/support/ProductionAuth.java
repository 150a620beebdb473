package com.ecommerce.users.support;

import java.util.Map;

import com.ecommerce.users.user.UserApi;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the packaged application needs in production and the in-process tests do without: a signing key (a file, as
 * a mounted Secret) and the bootstrap admin. For every {@code *IT}.
 */
public class ProductionAuth implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("users.jwt.signing-key-location", TestKeys.signingKeyFile(),
                "users.bootstrap-admin.email", UserApi.ADMIN_EMAIL,
                "users.bootstrap-admin.password", UserApi.ADMIN_PASSWORD);
    }

    @Override
    public void stop() {
    }
}
