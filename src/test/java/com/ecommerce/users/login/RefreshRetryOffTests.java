package com.ecommerce.users.login;

import static com.ecommerce.users.login.SessionApi.login;
import static com.ecommerce.users.login.SessionApi.refresh;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.login.SessionApi.Tokens;
import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** users.session.refresh-reuse-interval=0: no grace window, every second use of a token is a reuse. */
@QuarkusTest
@TestProfile(RefreshRetryOffTests.NoWindow.class)
class RefreshRetryOffTests {

    public static class NoWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("users.session.refresh-reuse-interval", "0");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aSecondUseAtOnceEndsTheSessionAndNothingIsSealed() {
        Account account = newAccount("No window");
        Tokens first = login(account.email(), PASSWORD);
        Tokens rotated = Tokens.of(refresh(first.refresh()).statusCode(200).extract());
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ? AND successor_sealed IS NOT NULL",
                UUID.fromString(first.sessionId()))).isZero();

        refresh(first.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));

        SessionApi.assertEnded(rotated);
    }

    @Test
    void twoSimultaneousUsesOfOneTokenGetOneAnswerAndEndTheSession() throws Exception {
        Account account = newAccount("Race");
        Tokens tokens = login(account.email(), PASSWORD);

        List<Integer> statuses = Simultaneously.run(4, i -> refresh(tokens.refresh()).extract().statusCode());

        assertThat(statuses).containsOnlyOnce(200).filteredOn(status -> status != 200).containsOnly(400);
        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE id = ?", UUID.fromString(tokens.sessionId())))
                .as("the second use is a reuse").isZero();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
