package com.ecommerce.users.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static com.ecommerce.users.user.UserApi.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every way an unprivileged caller could try to reach the admin role through the bootstrap address, on the packaged
 * application, each on a database of its own and with restarts in between (start-up is when the bootstrap runs):
 * registering the address before or after the admin exists, after the admin moved its email or was removed, and
 * moving an email onto it. Only the configured password makes the address's account an admin, and only while no admin
 * exists. The service itself never leaves a deployment without an admin (the last one cannot delete itself); an
 * operator can, in SQL, and then the bootstrap runs again at the next start.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class BootstrapAdminIT {

    private static final String BOSS = "boss@bootstrap.example";
    private static final String BOSS_PASSWORD = "the operator's bootstrap password";
    private static final String STRANGER_PASSWORD = "a stranger's password";
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void anAddressRegisteredBeforeTheAdminExistsIsPromotedOnlyWithTheConfiguredPassword() throws Exception {
        Coordinates db = DatabaseCoordinates.current().freshDatabase("user_service_bootstrap_before");
        try (PackagedApp app = start(db, "bootstrap-email-only", null)) {
            assertThat(app.output()).contains("without a users.bootstrap-admin.password");
            assertThat(register(app, "Stranger", BOSS, STRANGER_PASSWORD)).isEqualTo("user");
        }
        try (PackagedApp app = start(db, "bootstrap-wrong-password", BOSS_PASSWORD)) {
            assertThat(app.output()).contains("nothing changed");
            as(app, BOSS, STRANGER_PASSWORD).get("/users").then().statusCode(403);
        }
        assertThat(admins(db)).isZero();

        // the operator's way out: the stranger's account goes (or another address is configured); then the owner's
        new TestDatabase(db.dataSource()).execute("DELETE FROM users WHERE lower(email) = ?", BOSS);
        try (PackagedApp app = start(db, "bootstrap-owner", null)) {
            assertThat(register(app, "Owner", BOSS, BOSS_PASSWORD)).isEqualTo("user");
        }
        try (PackagedApp app = start(db, "bootstrap-owner-proves", BOSS_PASSWORD)) {
            assertThat(app.output()).contains("its password is users.bootstrap-admin.password");
            as(app, BOSS, BOSS_PASSWORD).get("/users").then().statusCode(200);
        }
        assertThat(admins(db)).isOne();
    }

    @Test
    void afterTheAdminMovesItsEmailOrIsRemovedTheAddressGrantsNothing() throws Exception {
        Coordinates db = DatabaseCoordinates.current().freshDatabase("user_service_bootstrap_after");
        try (PackagedApp app = start(db, "bootstrap-create", BOSS_PASSWORD)) {
            assertThat(app.output()).contains("Created the bootstrap admin");
            as(app, BOSS, BOSS_PASSWORD).get("/users").then().statusCode(200);
            given().baseUri(app.baseUri()).contentType(ContentType.JSON)
                    .body(json("Early stranger", BOSS, STRANGER_PASSWORD)).post("/users").then().statusCode(409);

            register(app, "Mover", "mover@bootstrap.example", STRANGER_PASSWORD);
            as(app, BOSS, BOSS_PASSWORD).contentType("application/merge-patch+json")
                    .body("{\"email\": \"boss.new@bootstrap.example\", \"currentPassword\": \"%s\"}".formatted(BOSS_PASSWORD))
                    .patch("/users/me").then().statusCode(200).body("role", equalTo("admin"));

            // moving an email onto the freed address
            as(app, "mover@bootstrap.example", STRANGER_PASSWORD).contentType("application/merge-patch+json")
                    .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(BOSS, STRANGER_PASSWORD))
                    .patch("/users/me").then().statusCode(200).body("role", equalTo("user"));
            as(app, BOSS, STRANGER_PASSWORD).get("/users").then().statusCode(403);
        }
        try (PackagedApp app = start(db, "bootstrap-admin-moved", BOSS_PASSWORD)) {
            as(app, BOSS, STRANGER_PASSWORD).get("/users").then().statusCode(403);
            // the last admin cannot delete itself
            as(app, "boss.new@bootstrap.example", BOSS_PASSWORD).delete("/users/me").then().statusCode(409)
                    .body("type", equalTo("urn:problem:user-service:last-admin"));
        }
        assertThat(admins(db)).isOne();
        // an operator removes it behind the service's back: no admin is left
        new TestDatabase(db.dataSource()).execute("DELETE FROM users WHERE email = 'boss.new@bootstrap.example'");
        assertThat(admins(db)).isZero();
        try (PackagedApp app = start(db, "bootstrap-admin-deleted", BOSS_PASSWORD)) {
            assertThat(app.output()).contains("nothing changed");
            as(app, BOSS, STRANGER_PASSWORD).get("/users").then().statusCode(403);

            // and registering the address afresh while no admin exists grants nothing either
            as(app, BOSS, STRANGER_PASSWORD).delete("/users/me").then().statusCode(204);
            assertThat(register(app, "Late stranger", BOSS, STRANGER_PASSWORD)).isEqualTo("user");
        }
        try (PackagedApp app = start(db, "bootstrap-late-stranger", BOSS_PASSWORD)) {
            as(app, BOSS, STRANGER_PASSWORD).get("/users").then().statusCode(403);
        }
        assertThat(admins(db)).isZero();
    }

    @Test
    void replicasStartingTogetherCreateOneAdmin() throws Exception {
        Coordinates db = DatabaseCoordinates.current().freshDatabase("user_service_bootstrap_replicas");
        List<PackagedApp> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                replicas.add(PackagedApp.start("bootstrap-replica-" + i, environment(db, BOSS_PASSWORD)));
            }
            for (PackagedApp replica : replicas) {
                replica.awaitReady(START);
            }
        } finally {
            for (PackagedApp replica : replicas) {
                replica.close();
            }
        }
        assertThat(admins(db)).isOne();
    }

    private static PackagedApp start(Coordinates db, String name, String password) throws Exception {
        PackagedApp app = PackagedApp.start(name, environment(db, password));
        app.awaitReady(START);
        return app;
    }

    private static Map<String, String> environment(Coordinates db, String password) {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        env.put("USERS_BOOTSTRAP_ADMIN_EMAIL", BOSS);
        if (password != null) {
            env.put("USERS_BOOTSTRAP_ADMIN_PASSWORD", password);
        }
        return env;
    }

    /** Registers an account and returns the role the answer gave it. */
    private static String register(PackagedApp app, String name, String email, String password) {
        return given().baseUri(app.baseUri()).contentType(ContentType.JSON).body(json(name, email, password))
                .post("/users").then().statusCode(201).extract().path("role");
    }

    private static RequestSpecification as(PackagedApp app, String email, String password) {
        String token = given().baseUri(app.baseUri()).contentType(ContentType.JSON)
                .body("{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, password))
                .post("/auth/login").then().statusCode(200).extract().path("access_token");
        return given().baseUri(app.baseUri()).auth().oauth2(token);
    }

    private static long admins(Coordinates db) {
        return new TestDatabase(db.dataSource()).count("SELECT count(*) FROM users WHERE role = 'admin'");
    }
}
