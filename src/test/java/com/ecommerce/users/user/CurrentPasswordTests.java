package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Locale;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A currentPassword that comes with a change is always checked, whatever the change, and counted by the login
 * throttle like any other password attempt: a wrong one is the answer a wrong password gets at PUT /users/me/password,
 * and nothing changes. It is the caller's own password, an admin's too.
 */
@QuarkusTest
class CurrentPasswordTests {

    private static final String LOCAL = "127.0.0.1";

    @Inject
    DataSource dataSource;

    @Test
    void aWrongCurrentPasswordWithOnlyANameIsRefusedAndCounted() {
        Account owner = newAccount("Owner");
        String wrongElsewhere = owner.auth().contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"a wrong guess\", \"newPassword\": \"a new passphrase\"}")
                .put("/users/me/password").then().statusCode(403).extract().asString();

        String wrongHere = rename(owner, "/users/me", "another wrong guess").statusCode(403).extract().asString();
        wrong(rename(owner, "/users/" + owner.id(), "a third guess"));

        assertThat(wrongHere.replace("/users/me", "")).isEqualTo(wrongElsewhere.replace("/users/me/password", ""));
        assertThat(db().user(owner.id())).containsEntry("name", "Owner");
        assertThat(failures(owner)).as("three wrong passwords counted").isEqualTo(3);
    }

    @Test
    void aRightCurrentPasswordWithOnlyANameChangesIt() {
        Account owner = newAccount("Owner");

        rename(owner, "/users/me", owner.password()).statusCode(200).body("name", equalTo("Renamed"));
        owner.auth().get("/users/me").then().statusCode(200);
    }

    @Test
    void anAdminsCurrentPasswordIsItsOwnAndChecked() {
        Account admin = newAccount("Password-checked admin");
        admin().auth().contentType(MERGE_PATCH).body("{\"role\": \"admin\"}").patch("/users/" + admin.id())
                .then().statusCode(200);
        Account managed = newAccount("Managed");

        wrong(rename(admin, "/users/" + managed.id(), "a wrong guess"));
        assertThat(db().user(managed.id())).containsEntry("name", "Managed");
        assertThat(failures(admin)).isEqualTo(1);

        rename(admin, "/users/" + managed.id(), admin.password()).statusCode(200).body("name", equalTo("Renamed"));
        assertThat(failures(admin)).as("a right password clears the count").isZero();
    }

    /** A merge patch of the name alone, with a currentPassword. */
    private static ValidatableResponse rename(Account caller, String path, String currentPassword) {
        return caller.auth().contentType(MERGE_PATCH)
                .body("{\"name\": \"Renamed\", \"currentPassword\": \"%s\"}".formatted(currentPassword))
                .patch(path).then();
    }

    private static void wrong(ValidatableResponse response) {
        response.statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:wrong-password"));
    }

    /** Failed password attempts on the account's address from this client, as the login throttle counts them. */
    private long failures(Account account) {
        return db().count("SELECT coalesce(sum(failures), 0) FROM login_throttle WHERE email_key = ? AND client = ?",
                account.email().toLowerCase(Locale.ROOT), LOCAL);
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
