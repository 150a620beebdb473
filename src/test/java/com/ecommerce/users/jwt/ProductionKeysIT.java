package com.ecommerce.users.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * In production the signing key is mandatory; it may come from a file or from an environment variable. The issuer
 * must be an https URL.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class ProductionKeysIT {

    @Test
    void productionRefusesToStartWithoutASigningKey() throws Exception {
        try (PackagedApp app = PackagedApp.start("no-signing-key", database())) {
            assertThat(app.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(app.output()).contains("No JWT signing key").contains("USERS_JWT_SIGNING_KEY");
        }
    }

    @Test
    void productionRefusesToStartWithAnIssuerThatIsNotAnHttpsUrl() throws Exception {
        for (String issuer : new String[] { "http://users.example.com", "user-service" }) {
            Map<String, String> env = new HashMap<>(database());
            env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
            env.put("USERS_JWT_ISSUER", issuer);
            try (PackagedApp app = PackagedApp.start("issuer-not-https", env)) {
                assertThat(app.awaitExit(Duration.ofSeconds(60))).as(issuer).isNotZero();
                assertThat(app.output()).contains("users.jwt.issuer (USERS_JWT_ISSUER) must be the service's public "
                        + "https URL").contains("it is '" + issuer + "'");
            }
        }
    }

    @Test
    void theSigningKeyCanComeFromAnEnvironmentVariable() throws Exception {
        Map<String, String> env = new HashMap<>(database());
        env.put("USERS_JWT_SIGNING_KEY", Files.readString(Path.of(TestKeys.signingKeyFile())));
        try (PackagedApp app = PackagedApp.start("signing-key-from-env", env)) {
            app.awaitReady(Duration.ofSeconds(60));
            assertThat(app.output()).contains("Signing tokens with key");
        }
    }

    private static Map<String, String> database() {
        return DatabaseCoordinates.current().environment();
    }
}
