package com.ecommerce.users.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.ecommerce.users.user.UserApi;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the packaged application needs in production and the in-process tests do without: a signing key (a file, as
 * a mounted Secret), an https issuer and the bootstrap admin. For every {@code *IT}. Also the database, when neither Dev Services
 * nor QUARKUS_DATASOURCE_* (which the application inherits) name one: the local test database, which the packaged
 * application, in its prod profile, would not find by itself. And a free port for its management interface: Quarkus
 * 3.33 would launch the jar on the production port (9000), which parallel runs would fight over, and fills
 * {@code @TestHTTPResource(management = true)} fields with the in-process test port; this resource, which runs after
 * that injection, puts the packaged application's management URI into them instead.
 */
public class ProductionAuth implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    private Map<String, String> devServices = Map.of();
    private int managementPort;

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        devServices = context.devServicesProperties();
    }

    @Override
    public Map<String, String> start() {
        try {
            managementPort = PackagedApp.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>(Map.of("users.jwt.signing-key-location", TestKeys.signingKeyFile(),
                "users.bootstrap-admin.email", UserApi.ADMIN_EMAIL,
                "users.bootstrap-admin.password", UserApi.ADMIN_PASSWORD,
                "quarkus.management.port", Integer.toString(managementPort), "users.jwt.issuer", PackagedApp.ISSUER));
        if (!devServices.containsKey("quarkus.datasource.jdbc.url") && System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null) {
            properties.putAll(DatabaseCoordinates.resolve(devServices).properties());
        }
        return properties;
    }

    /** Into {@code @TestHTTPResource(value = "", management = true) URI} fields: the management interface's /q/. */
    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(URI.create("http://localhost:" + managementPort + "/q/"), field -> {
            TestHTTPResource resource = field.getAnnotation(TestHTTPResource.class);
            return resource != null && resource.management() && resource.value().isEmpty() && field.getType() == URI.class;
        });
    }

    @Override
    public void stop() {
    }
}
