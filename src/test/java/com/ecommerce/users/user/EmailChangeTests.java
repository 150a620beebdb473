package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.token;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The login email is the key to an account: changing one's own needs the current password (a stolen token is not
 * enough), and a new email ends every token of the account. An admin changes other accounts' emails without it.
 */
@QuarkusTest
class EmailChangeTests {

    @Inject
    DataSource dataSource;

    @Test
    void aStolenTokenAloneCannotChangeTheEmail() {
        Account owner = newAccount("Owner");

        owner.auth().contentType(MERGE_PATCH).body("{\"email\": \"%s\"}".formatted(uniqueEmail()))
                .patch("/users/me").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("currentPassword"));
        owner.auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"a wrong guess\"}".formatted(uniqueEmail()))
                .patch("/users/" + owner.id()).then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:wrong-password"));

        assertThat(db().row("SELECT email FROM users WHERE id = ?", owner.id()).get("email")).isEqualTo(owner.email());
        owner.auth().get("/users/me").then().statusCode(200);
    }

    @Test
    void aNewEmailEndsEveryTokenOfTheAccount() {
        Account owner = newAccount("Mover");
        String otherSession = token(owner.email(), owner.password());
        String newEmail = uniqueEmail();

        owner.auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(newEmail, owner.password()))
                .patch("/users/me").then().statusCode(200).body("email", equalTo(newEmail));

        owner.auth().get("/users/me").then().statusCode(401);
        given().auth().oauth2(otherSession).get("/users/me").then().statusCode(401);
        login(owner.email(), owner.password()).statusCode(401);
        given().auth().oauth2(token(newEmail, owner.password())).get("/users/me").then().statusCode(200)
                .body("email", equalTo(newEmail));
    }

    @Test
    void anAdminChangesAnotherAccountsEmailWithoutItsPasswordAndItsTokensEnd() {
        Account account = newAccount("Managed");
        String newEmail = uniqueEmail();

        admin().auth().contentType(MERGE_PATCH).body("{\"email\": \"%s\"}".formatted(newEmail))
                .patch("/users/" + account.id()).then().statusCode(200).body("email", equalTo(newEmail));

        account.auth().get("/users/me").then().statusCode(401);
        login(newEmail, account.password()).statusCode(200);
    }

    @Test
    void aNameChangeNeedsNoPasswordAndKeepsTheTokens() {
        Account account = newAccount("Renamed");
        account.auth().contentType(MERGE_PATCH).body("{\"name\": \"Renamed Again\"}").patch("/users/me")
                .then().statusCode(200);
        account.auth().get("/users/me").then().statusCode(200).body("name", equalTo("Renamed Again"));
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
