package com.ecommerce.users.session;

import static com.ecommerce.users.session.SessionApi.login;
import static com.ecommerce.users.session.SessionApi.refresh;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.session.SessionApi.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An account keeps users.session.max-per-account sessions: a login beyond ends the least recently used one. */
@QuarkusTest
@TestProfile(SessionLimitTests.TwoSessions.class)
class SessionLimitTests {

    public static class TwoSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("users.session.max-per-account", "2");
        }
    }

    @Test
    void aLoginBeyondTheLimitEndsTheLeastRecentlyUsedSession() {
        String email = uniqueEmail();
        register("Many devices", email, PASSWORD).statusCode(201);
        Tokens first = login(email, PASSWORD);
        Tokens second = login(email, PASSWORD);
        Tokens firstAgain = Tokens.of(refresh(first.refresh()).statusCode(200).extract()); // first is now the most recent

        Tokens third = login(email, PASSWORD);

        refresh(second.refresh()).statusCode(400);
        given().auth().oauth2(third.access()).get("/users/me/sessions").then().statusCode(200)
                .body("items.id", contains(third.sessionId(), firstAgain.sessionId()));
    }
}
