package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.LogCapture;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Passwords and hashes appear in no log line, whatever the request does. */
@QuarkusTest
class SecretsStayOutOfLogsTests {

    private static final String SECRET = "Log-Canary-Passw0rd-7f3a";

    @Test
    void noPasswordOrHashIsEverLogged() {
        try (LogCapture logs = new LogCapture()) {
            String email = uniqueEmail();
            int id = register("Canary", email, SECRET).statusCode(201).extract().path("id");
            String token = UserApi.token(email, SECRET);
            UserApi.login(email, SECRET + "-wrong").statusCode(401);
            UserApi.login("nobody-" + email, SECRET).statusCode(401);
            register("Canary", email, SECRET).statusCode(409);
            register("", "bad", SECRET + "\ud800").statusCode(400);
            given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"email\": \"" + email + "\", \"password\": " + SECRET + "}")
                    .post("/users").then().statusCode(400);
            given().auth().oauth2(token).contentType(MERGE_PATCH).body("{\"password\": \"" + SECRET + "-2\"}")
                    .patch("/users/" + id).then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"currentPassword\": \"" + SECRET + "\", \"newPassword\": \"" + SECRET + "-3\"}")
                    .put("/users/me/password").then().statusCode(204);
            String second = UserApi.token(email, SECRET + "-3");
            String refreshToken = UserApi.login(email, SECRET + "-3").statusCode(200).extract().path("refresh_token");
            given().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                    .post("/auth/token").then().statusCode(200);
            given().formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                    .post("/auth/token").then().statusCode(200); // a retry within the grace window: audited
            given().auth().oauth2(second).delete("/users/" + id).then().statusCode(204);

            assertThat(logs.lines()).as("the capture sees the service's own log lines and the audit log")
                    .anyMatch(line -> line.startsWith("audit account.registered account=" + id))
                    .anyMatch(line -> line.startsWith("audit refresh-token.retried account=" + id));
            assertThat(logs.lines()).noneMatch(line -> line.contains(SECRET))
                    .noneMatch(line -> line.contains("$argon2"))
                    .noneMatch(line -> line.contains(email))
                    .noneMatch(line -> line.contains(token))
                    .noneMatch(line -> line.contains(refreshToken))
                    .noneMatch(line -> line.contains(second));
        }
    }
}
