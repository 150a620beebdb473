package com.ecommerce.users.account;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What the API writes to PostgreSQL, read back with plain SQL. */
@QuarkusTest
class UserPersistenceTests {

    @Inject
    DataSource dataSource;

    @Inject
    PasswordHasher passwords;

    @Test
    void registrationStoresAnArgon2idHashNeverThePassword() {
        String email = "Mixed.Case." + uniqueEmail();
        int id = register("  Ada  ", email, PASSWORD).statusCode(201).extract().path("id");

        Map<String, Object> row = db().user(id);
        assertThat(row.get("name")).isEqualTo("Ada");
        assertThat(row.get("email")).as("stored as typed").isEqualTo(email);
        assertThat(row.get("role")).isEqualTo("user");
        assertThat(row.get("version")).isEqualTo(0L);
        assertThat(((java.sql.Timestamp) db().row("SELECT password_changed_at FROM users WHERE id = ?", id)
                .get("password_changed_at")).getNanos()).as("a whole second, comparable with JWT iat").isZero();
        assertThat(row.get("created_at")).isEqualTo(row.get("updated_at"));
        String hash = (String) row.get("password");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
        assertThat(passwords.verify(PASSWORD, hash)).isTrue();
    }

    @Test
    void rejectedRequestsLeaveTheDatabaseUnchanged() {
        String email = uniqueEmail();
        register("", email, PASSWORD).statusCode(400);
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"email\":\"" + email + "\",\"password\":\"12345678\",\"role\":\"admin\"}")
                .post("/users").then().statusCode(400);
        assertThat(db().count("SELECT count(*) FROM users WHERE lower(email) = lower(?)", email)).isZero();

        register("Original", email, PASSWORD).statusCode(201);
        register("Copy", email.toUpperCase(), "other password").statusCode(409);
        Map<String, Object> row = db().row("SELECT name, password FROM users WHERE lower(email) = lower(?)", email);
        assertThat(row.get("name")).isEqualTo("Original");
        assertThat(passwords.verify(PASSWORD, (String) row.get("password"))).isTrue();
    }

    @Test
    void anAdminSettingAPasswordRehashesItAndBumpsVersionAndUpdatedAt() {
        int id = register("Patch", uniqueEmail(), PASSWORD).statusCode(201).extract().path("id");
        Map<String, Object> before = db().user(id);

        UserApi.admin().auth().contentType(MERGE_PATCH).body("{\"password\": \"a brand new password\"}").patch("/users/" + id)
                .then().statusCode(200);

        Map<String, Object> after = db().user(id);
        assertThat(after.get("version")).isEqualTo(1L);
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat((java.sql.Timestamp) after.get("updated_at")).isAfter((java.sql.Timestamp) before.get("updated_at"));
        assertThat(passwords.verify("a brand new password", (String) after.get("password"))).isTrue();
        assertThat(passwords.verify(PASSWORD, (String) after.get("password"))).isFalse();
    }

    @Test
    void stalePatchAndDeleteChangeNothing() {
        UserApi.Account account = UserApi.newAccount("Stale");
        int id = account.id();
        Map<String, Object> before = db().user(id);

        account.auth().contentType(MERGE_PATCH).header("If-Match", "\"3\"").body("{\"name\": \"Changed\"}").patch("/users/" + id)
                .then().statusCode(412);
        account.auth().header("If-Match", "\"3\"").delete("/users/" + id).then().statusCode(412);

        assertThat(db().user(id)).isEqualTo(before);
    }

    @Test
    void rowsWrittenByThePreviousVersionDuringARollingUpdateGetItsKey() {
        String email = "Rolling-" + java.util.UUID.randomUUID() + "@Example.com";
        db().execute("INSERT INTO users (name, email, password, password_changed_at) VALUES ('Old', ?, 'x', now())", email);
        assertThat(db().row("SELECT email_canonical FROM users WHERE email = ?", email).get("email_canonical"))
                .isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
        String moved = "Moved-" + java.util.UUID.randomUUID() + "@Example.com";
        db().execute("UPDATE users SET email = ? WHERE email = ?", moved, email);
        assertThat(db().row("SELECT email_canonical FROM users WHERE email = ?", moved).get("email_canonical"))
                .as("an old replica's email change").isEqualTo(moved.toLowerCase(java.util.Locale.ROOT));
        db().execute("DELETE FROM users WHERE email = ?", moved);
    }

    @Test
    void deleteRemovesTheRow() {
        UserApi.Account account = UserApi.newAccount("Gone");
        int id = account.id();
        account.auth().delete("/users/" + id).then().statusCode(204);
        assertThat(db().count("SELECT count(*) FROM users WHERE id = ?", id)).isZero();
    }

    @Test
    void schemaEnforcesUniqueCanonicalAddressesAndRoles() {
        assertThat(db().count("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_canonical_key' "
                + "AND indexdef LIKE 'CREATE UNIQUE INDEX%(email_canonical)'")).isEqualTo(1);
        assertThat(db().count("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_lower_key'"))
                .as("V2's index, replaced by V8's").isZero();
        assertThat(db().count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name IN ('name', 'email', 'email_canonical', 'password', 'role', 'version', 'created_at', "
                + "'updated_at', 'password_changed_at') AND is_nullable = 'NO'")).isEqualTo(9);
        assertThat(db().count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name IN ('created_at', 'updated_at') AND data_type = 'timestamp with time zone'")).isEqualTo(2);
        assertThat(db().count("SELECT count(*) FROM pg_constraint WHERE conname = 'users_role_check'")).isEqualTo(1);
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
