package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PasswordChangeTests {

    @Test
    void theCurrentPasswordIsRequiredAndOldTokensStopWorking() {
        Account account = newAccount("Changer");

        change(account, "not my password", "a new password").statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:wrong-password"));
        change(account, PASSWORD, "sh0rt!").statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("newPassword"));
        change(account, PASSWORD, "a new password").statusCode(204);

        account.auth().get("/users/me").then().statusCode(401);
        login(account.email(), PASSWORD).statusCode(401);
        given().auth().oauth2(token(account.email(), "a new password")).get("/users/me").then().statusCode(200);
    }

    @Test
    void patchCannotChangeOnesOwnPasswordButAnAdminCanResetAnothers() {
        Account account = newAccount("Reset");
        account.auth().contentType(MERGE_PATCH).body("{\"password\": \"sneaky new one\"}").patch("/users/me")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo("urn:problem:user-service:forbidden-change"));

        admin().auth().contentType(MERGE_PATCH).body("{\"password\": \"set by the admin\"}").patch("/users/" + account.id())
                .then().statusCode(200);

        account.auth().get("/users/me").then().statusCode(401);
        login(account.email(), "set by the admin").statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse change(Account account, String current, String next) {
        return account.auth().contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"%s\", \"newPassword\": \"%s\"}".formatted(current, next))
                .put("/users/me/password").then();
    }
}
