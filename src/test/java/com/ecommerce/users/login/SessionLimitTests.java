package com.ecommerce.users.login;

import static com.ecommerce.users.login.SessionApi.login;
import static com.ecommerce.users.login.SessionApi.refresh;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.login.SessionApi.Tokens;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The bounds of the session tables: an account keeps users.session.max-per-account sessions (a login beyond ends the
 * least recently used one), a session users.session.rotated-tokens-kept used tokens, however often it is refreshed.
 */
@QuarkusTest
@TestProfile(SessionLimitTests.SmallLimits.class)
class SessionLimitTests {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("users.session.max-per-account", "2", "users.session.rotated-tokens-kept", "2");
        }
    }

    @Inject
    DataSource dataSource;

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

    @Test
    void aSessionKeepsItsMostRecentUsedTokensOnlyAndRecognisesTheirReuse() {
        Account account = newAccount("Refreshed often");
        List<Tokens> issued = new ArrayList<>(List.of(login(account.email(), PASSWORD)));
        for (int i = 0; i < 5; i++) {
            issued.add(Tokens.of(refresh(issued.getLast().refresh()).statusCode(200).extract()));
        }
        UUID session = UUID.fromString(issued.getFirst().sessionId());

        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?", session))
                .as("the current token and the 2 most recently used").isEqualTo(3);
        // a token used 5 rotations ago is no longer known: refused, and the session goes on
        refresh(issued.getFirst().refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        given().auth().oauth2(issued.getLast().access()).get("/users/me").then().statusCode(200);
        // one still kept is recognised: its reuse ends the session
        RefreshRetryTests.windowOver(db(), issued.getFirst().sessionId());
        refresh(issued.get(4).refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(issued.getLast().refresh()).statusCode(400);
        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE id = ?", session)).isZero();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
