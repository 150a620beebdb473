package com.ecommerce.users.recovery;

import static com.ecommerce.users.support.Mailbox.awaitMail;
import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Why a recovery request takes the same time for a known and an unknown address: its answer waits for nothing that
 * only a known address causes. With the token table locked, a known address's lookup-token-mail cannot finish, yet
 * the answer comes at once, alike for an unknown address; the token and the mail follow once the lock is gone.
 */
@QuarkusTest
class RecoveryRequestPathTests {

    private static final Duration PROMPT = Duration.ofSeconds(5);

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/auth/password-recovery")
    URI recovery;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theAnswerToAKnownAddressWaitsForNeitherItsTokenNorItsMail() throws Exception {
        Account account = newAccount("Patient");
        awaitMail(account.email(), 1); // its verification token is stored: the lock holds up nothing of the registration

        HttpResponse<String> known;
        HttpResponse<String> unknown;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE account_tokens IN ACCESS EXCLUSIVE MODE");
            }
            known = request(account.email());
            unknown = request(uniqueEmail());
            assertThat(resetTokens(lock, account.id())).as("answered before its token was stored").isZero();
            lock.rollback();
        }

        assertThat(known.statusCode()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body());
        awaitResetToken(account.email(), 1); // the background work went on once the lock was gone
    }

    /** Fails with HttpTimeoutException when the answer takes longer than {@link #PROMPT}. */
    private HttpResponse<String> request(String email) throws Exception {
        return http.send(HttpRequest.newBuilder(recovery).timeout(PROMPT).header("Content-Type", "application/json")
                .header("X-Forwarded-For", uniqueClient())
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + email + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long resetTokens(Connection connection, int userId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM account_tokens WHERE user_id = ? AND purpose = 'reset-password'")) {
            count.setInt(1, userId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
