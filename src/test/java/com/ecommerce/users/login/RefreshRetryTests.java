package com.ecommerce.users.login;

import static com.ecommerce.users.login.SessionApi.login;
import static com.ecommerce.users.login.SessionApi.logout;
import static com.ecommerce.users.login.SessionApi.refresh;
import static com.ecommerce.users.login.SessionApi.refreshJson;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.login.SessionApi.Tokens;
import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The grace window of a rotation (users.session.refresh-reuse-interval, 10 s by default): a rotated token presented
 * again within it gets the same successor again, with a working access token of the same session; past it, or once the
 * successor was used in turn, it is a reuse and the session ends. Time is moved by dating the rotation back in the
 * database, never by waiting.
 */
@QuarkusTest
class RefreshRetryTests {

    @Inject
    DataSource dataSource;

    @Inject
    SessionPurge purge;

    /** Dates every rotation of the session a minute back: past the 10 s window, as if the retry came that late. */
    static void windowOver(TestDatabase db, String sessionId) {
        db.execute("UPDATE refresh_tokens SET rotated_at = rotated_at - interval '1 minute' "
                + "WHERE session_id = ? AND rotated_at IS NOT NULL", UUID.fromString(sessionId));
    }

    @Test
    void aTokenPresentedAgainWithinTheWindowGetsTheSameSuccessorAndBothAnswersWork() {
        Account account = newAccount("Retry");
        Tokens first = login(account.email(), PASSWORD);
        Tokens rotated = Tokens.of(refresh(first.refresh()).statusCode(200).extract());

        Tokens retried;
        try (LogCapture logs = new LogCapture()) {
            retried = Tokens.of(refreshJson(first.refresh()).statusCode(200).body("token_type", equalTo("bearer"))
                    .extract());
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("audit refresh-token.retried account=" + account.id()))
                    .noneMatch(line -> line.contains(first.refresh()) || line.contains(rotated.refresh()));
        }

        assertThat(retried.refresh()).as("the same successor").isEqualTo(rotated.refresh());
        assertThat(retried.sessionId()).isEqualTo(first.sessionId());
        given().auth().oauth2(retried.access()).get("/users/me").then().statusCode(200).body("id", equalTo(account.id()));
        given().auth().oauth2(rotated.access()).get("/users/me").then().statusCode(200);
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ? AND rotated_at IS NULL",
                UUID.fromString(first.sessionId()))).as("still one current token").isEqualTo(1);
        // the successor goes on as usual, and then the first token's sealed successor is gone
        Tokens next = Tokens.of(refresh(retried.refresh()).statusCode(200).extract());
        given().auth().oauth2(next.access()).get("/users/me").then().statusCode(200);
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ? AND successor_sealed IS NOT NULL",
                UUID.fromString(first.sessionId()))).as("only the token just rotated keeps one").isEqualTo(1);
    }

    @Test
    void theSuccessorIsStoredSealedNeverInClear() {
        Account account = newAccount("Sealed");
        Tokens first = login(account.email(), PASSWORD);
        Tokens rotated = Tokens.of(refresh(first.refresh()).statusCode(200).extract());

        byte[] sealed = (byte[]) db().row("SELECT successor_sealed FROM refresh_tokens WHERE session_id = ? "
                + "AND rotated_at IS NOT NULL", UUID.fromString(first.sessionId())).get("successor_sealed");
        assertThat(sealed).as("nonce, ciphertext, tag").hasSize(12 + 43 + 16);
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE encode(successor_sealed, 'escape') LIKE ?",
                "%" + rotated.refresh() + "%")).isZero();
    }

    @Test
    void aRetryPastTheWindowIsAReuseThatEndsTheSession() {
        Account account = newAccount("Late retry");
        Tokens first = login(account.email(), PASSWORD);
        Tokens rotated = Tokens.of(refresh(first.refresh()).statusCode(200).extract());
        windowOver(db(), first.sessionId());

        try (LogCapture logs = new LogCapture()) {
            refresh(first.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("audit refresh-token.reused account=" + account.id()));
        }
        SessionApi.assertEnded(rotated);
        assertThat(db().count("SELECT count(*) FROM refresh_sessions WHERE id = ?", UUID.fromString(first.sessionId())))
                .isZero();
    }

    @Test
    void aRetryAfterTheSuccessorWasUsedIsAReuseEvenWithinTheWindow() {
        Account account = newAccount("Moved on");
        Tokens first = login(account.email(), PASSWORD);
        Tokens second = Tokens.of(refresh(first.refresh()).statusCode(200).extract());
        Tokens third = Tokens.of(refresh(second.refresh()).statusCode(200).extract());

        refresh(first.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
        SessionApi.assertEnded(third);
    }

    @Test
    void theSuccessorsOwnRetryWorksAsTheFirstOnesDid() {
        Account account = newAccount("Chain");
        Tokens first = login(account.email(), PASSWORD);
        Tokens second = Tokens.of(refresh(first.refresh()).statusCode(200).extract());
        Tokens third = Tokens.of(refresh(second.refresh()).statusCode(200).extract());

        Tokens again = Tokens.of(refresh(second.refresh()).statusCode(200).extract());
        assertThat(again.refresh()).isEqualTo(third.refresh());
    }

    @Test
    void simultaneousUsesOfOneTokenAllGetTheSameWorkingSuccessor() throws Exception {
        Account account = newAccount("Tabs");
        Tokens tokens = login(account.email(), PASSWORD);

        List<Tokens> answers = Simultaneously.run(4, i -> Tokens.of(refresh(tokens.refresh()).statusCode(200).extract()));

        assertThat(answers).extracting(Tokens::refresh).containsOnly(answers.getFirst().refresh())
                .doesNotContain(tokens.refresh());
        for (Tokens answer : answers) {
            given().auth().oauth2(answer.access()).get("/users/me").then().statusCode(200);
        }
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?",
                UUID.fromString(tokens.sessionId()))).as("one rotation: the used token and its successor").isEqualTo(2);
        refresh(answers.getFirst().refresh()).statusCode(200);
    }

    @Test
    void aRetryOfAnEndedSessionIsRefused() {
        Account account = newAccount("Logged out");
        Tokens first = login(account.email(), PASSWORD);
        Tokens rotated = Tokens.of(refresh(first.refresh()).statusCode(200).extract());
        logout(rotated.refresh()).statusCode(204);

        refresh(first.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aRetryAfterAPasswordChangeIsRefused() {
        Account account = newAccount("Revoked");
        Tokens first = login(account.email(), PASSWORD);
        refresh(first.refresh()).statusCode(200);
        db().execute("UPDATE users SET password_changed_at = greatest(now(), password_changed_at) + interval '1 second' "
                + "WHERE id = ?", account.id());

        refresh(first.refresh()).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void thePurgeWipesSealedSuccessorsPastTheWindow() {
        Account account = newAccount("Wiped");
        Tokens first = login(account.email(), PASSWORD);
        refresh(first.refresh()).statusCode(200);
        UUID session = UUID.fromString(first.sessionId());
        purge.purge(Instant.now());
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ? AND successor_sealed IS NOT NULL",
                session)).as("within the window: kept").isOne();

        windowOver(db(), first.sessionId());
        purge.purge(Instant.now());

        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ? AND successor_sealed IS NOT NULL",
                session)).isZero();
        assertThat(db().count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?", session))
                .as("the rotated token stays, for reuse detection").isEqualTo(2);
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
