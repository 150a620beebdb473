package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.ADMIN_EMAIL;
import static com.ecommerce.users.user.UserApi.ADMIN_PASSWORD;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RolesTests {

    @Inject
    DataSource dataSource;

    @Inject
    BootstrapAdmin bootstrapAdmin;

    @Test
    void theConfiguredBootstrapAdminHoldsTheAdminRole() {
        Account admin = admin();
        admin.auth().get("/users/me").then().statusCode(200).body("role", equalTo("admin"));
        admin.auth().get("/users").then().statusCode(200);
    }

    @Test
    void startUpCreatedTheBootstrapAdminWithTheConfiguredPasswordAndLeavesItAlone() {
        Map<String, Object> row = db().row("SELECT role, password FROM users WHERE lower(email) = ?", ADMIN_EMAIL);
        assertThat(row.get("role")).isEqualTo("admin");
        assertThat((String) row.get("password")).as("stored hashed").startsWith("$argon2id$").doesNotContain(ADMIN_PASSWORD);

        assertThat(bootstrapAdmin.ensureAdmin()).as("what the next start-up does").isEqualTo(BootstrapAdmin.Outcome.ADMIN_EXISTS);
    }

    @Test
    void theBootstrapAddressGrantsNothingToWhoeverRegistersIt() {
        register("Stranger", ADMIN_EMAIL.toUpperCase(Locale.ROOT), "the stranger's password").statusCode(409);
        Account stranger = newAccount("Stranger");
        stranger.auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(ADMIN_EMAIL, stranger.password()))
                .patch("/users/me").then().statusCode(409);
        assertThat(db().row("SELECT role FROM users WHERE id = ?", stranger.id()).get("role")).isEqualTo("user");
    }

    @Test
    void rolesComeFromTheDatabaseSoPromotionAndDemotionApplyAtOnce() {
        Account admin = admin();
        Account account = newAccount("Climber");
        account.auth().get("/users").then().statusCode(403);

        admin.auth().contentType(MERGE_PATCH).body("{\"role\": \"admin\"}").patch("/users/" + account.id())
                .then().statusCode(200).body("role", equalTo("admin"));
        account.auth().get("/users").then().statusCode(200);

        admin.auth().contentType(MERGE_PATCH).body("{\"role\": \"user\"}").patch("/users/" + account.id())
                .then().statusCode(200).body("role", equalTo("user"));
        account.auth().get("/users").then().statusCode(403);

        admin.auth().contentType(MERGE_PATCH).body("{\"role\": \"root\"}").patch("/users/" + account.id())
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
