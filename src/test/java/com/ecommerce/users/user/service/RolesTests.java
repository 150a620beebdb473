package com.ecommerce.users.user.service;

import static com.ecommerce.users.user.UserApi.ADMIN_EMAIL;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
    void theBootstrapAdminRegainsTheRoleAtStartupAndCannotBeDemoted() {
        Account admin = admin();
        admin.auth().contentType(MERGE_PATCH).body("{\"role\": \"user\"}").patch("/users/me")
                .then().statusCode(409).contentType(PROBLEM_JSON).body("type", equalTo("urn:problem:user-service:bootstrap-admin"));

        // demoted behind the service's back, as an account registered before the variable was set would be
        assertThat(db().execute("UPDATE users SET role = 'user' WHERE lower(email) = ?", ADMIN_EMAIL)).isEqualTo(1);
        admin.auth().get("/users").then().statusCode(403);

        bootstrapAdmin.promote(null); // what start-up does

        assertThat(db().row("SELECT role FROM users WHERE lower(email) = ?", ADMIN_EMAIL).get("role")).isEqualTo("admin");
        admin.auth().get("/users").then().statusCode(200);
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
