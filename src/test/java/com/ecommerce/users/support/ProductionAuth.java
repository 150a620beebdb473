package com.ecommerce.users.support;

import java.util.HashMap;
import java.util.Map;

import com.ecommerce.users.user.UserApi;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the packaged application needs in production and the in-process tests do without: a signing key (a file, as
 * a mounted Secret) and the bootstrap admin. For every {@code *IT}. Also the database, when neither Dev Services
 * nor QUARKUS_DATASOURCE_* (which the application inherits) name one: the local test database, which the packaged
 * application, in its prod profile, would not find by itself.
 */
public class ProductionAuth implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    private Map<String, String> devServices = Map.of();

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        devServices = context.devServicesProperties();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(Map.of("users.jwt.signing-key-location", TestKeys.signingKeyFile(),
                "users.bootstrap-admin.email", UserApi.ADMIN_EMAIL,
                "users.bootstrap-admin.password", UserApi.ADMIN_PASSWORD));
        if (!devServices.containsKey("quarkus.datasource.jdbc.url") && System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null) {
            properties.putAll(DatabaseCoordinates.resolve(devServices).properties());
        }
        return properties;
    }

    @Override
    public void stop() {
    }
}
