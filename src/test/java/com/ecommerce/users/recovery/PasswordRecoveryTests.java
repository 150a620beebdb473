package com.ecommerce.users.recovery;

import static com.ecommerce.users.support.Mailbox.RESET_SUBJECT;
import static com.ecommerce.users.support.Mailbox.awaitExactly;
import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.support.Mailbox.awaitMail;
import static com.ecommerce.users.support.Mailbox.mailsTo;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.reset;
import static com.ecommerce.users.verification.VerificationApi.sha256;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.Mailbox;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Password recovery end to end, over real SMTP (support/Mailbox): one answer for known and unknown addresses; a
 * single-use reset link valid 30 minutes, stored only as its SHA-256, that ends every token of the account and every
 * other reset link; throttled per client (429) and, silently, by the cap of mail per address (mail.RecipientCap), alike
 * for known and unknown addresses.
 */
@QuarkusTest
class PasswordRecoveryTests {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsEveryTokenOfTheAccount() throws Exception {
        Account account = newAccount("Forgetful");
        requestRecovery(account.email(), uniqueClient()).statusCode(202);

        MimeMessage mail = awaitMail(account.email(), RESET_SUBJECT, 1);
        assertThat(mail.getSubject()).isEqualTo("Reset your password");
        String token = Mailbox.token(mail);
        assertThat(Mailbox.text(mail)).contains("http://localhost:3000/reset-password?token=" + token);
        Map<String, Object> row = db().row("SELECT token_hash, email, created_at, expires_at, used_at FROM account_tokens "
                + "WHERE user_id = ? AND purpose = 'reset-password'", account.id());
        assertThat((byte[]) row.get("token_hash")).as("stored as its SHA-256").isEqualTo(sha256(token));
        assertThat(db().count("SELECT count(*) FROM account_tokens t WHERE t::text LIKE ?", "%" + token + "%")).isZero();
        assertThat(Duration.between(((Timestamp) row.get("created_at")).toInstant(),
                ((Timestamp) row.get("expires_at")).toInstant())).isEqualTo(Duration.ofMinutes(30));

        reset(token, NEW_PASSWORD).statusCode(204);

        account.auth().get("/users/me").then().statusCode(401);
        login(account.email(), PASSWORD).statusCode(401);
        String fresh = login(account.email(), NEW_PASSWORD).statusCode(200).extract().path("access_token");
        io.restassured.RestAssured.given().auth().oauth2(fresh).get("/users/me").then().statusCode(200)
                .body("emailVerified", equalTo(true)); // the reset link reached the address
        reset(token, "yet another passphrase").statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:used-token"));
        login(account.email(), NEW_PASSWORD).statusCode(200);
    }

    @Test
    void knownAndUnknownAddressesGetTheSameAnswer() {
        Account account = newAccount("Known");
        awaitMail(account.email(), 1);
        String unknown = uniqueEmail();

        ExtractableResponse<Response> known = requestRecovery(account.email(), uniqueClient()).extract();
        ExtractableResponse<Response> nobody = requestRecovery(unknown, uniqueClient()).extract();

        assertThat(known.statusCode()).isEqualTo(202);
        assertThat(nobody.statusCode()).isEqualTo(known.statusCode());
        assertThat(nobody.asString()).isEqualTo(known.asString())
                .isEqualTo("{\"detail\":\"If an account has this address, a link to reset its password is on its way\"}");
        assertThat(headers(nobody)).isEqualTo(headers(known));

        awaitMail(account.email(), 2);
        assertThat(mailsTo(unknown)).isEmpty();
        assertThat(db().count("SELECT count(*) FROM account_tokens WHERE lower(email) = lower(?)", unknown)).isZero();
    }

    @Test
    void anExpiredLinkIsAClear400AndChangesNothing() {
        Account account = newAccount("Slow Reader");
        requestRecovery(account.email(), uniqueClient()).statusCode(202);
        String token = awaitResetToken(account.email(), 1);
        db().execute("UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = ?", sha256(token));

        reset(token, NEW_PASSWORD).statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:expired-token"));

        login(account.email(), PASSWORD).statusCode(200);
        account.auth().get("/users/me").then().statusCode(200);
    }

    @Test
    void unknownTokensAndWeakPasswordsAreRefusedAndTheLinkStaysUsable() {
        reset("q3FzX0l8m2k1Yb9dTq7w8Qv2hJ5sR4uN6cE0aPzLxYg", NEW_PASSWORD).statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:invalid-token"));

        Account account = newAccount("Weak Choice");
        requestRecovery(account.email(), uniqueClient()).statusCode(202);
        String token = awaitResetToken(account.email(), 1);
        reset(token, "sh0rt!").statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:validation"))
                .body("errors[0].field", equalTo("newPassword"));
        reset(token, NEW_PASSWORD).statusCode(204);
    }

    @Test
    void aResetRetiresTheOtherLinksAndAnEmailChangeRetiresLinksToTheOldAddress() {
        Account account = newAccount("Two Links");
        String client = uniqueClient();
        requestRecovery(account.email(), client).statusCode(202);
        String first = awaitResetToken(account.email(), 1);
        requestRecovery(account.email(), client).statusCode(202);
        String second = awaitResetToken(account.email(), 2);

        reset(first, NEW_PASSWORD).statusCode(204);
        reset(second, "another passphrase").statusCode(400).body("type", equalTo("urn:problem:user-service:used-token"));

        Account mover = newAccount("Mover");
        requestRecovery(mover.email(), client).statusCode(202);
        String toOldAddress = awaitResetToken(mover.email(), 1);
        mover.auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(uniqueEmail(), PASSWORD))
                .patch("/users/me").then().statusCode(200);
        reset(toOldAddress, NEW_PASSWORD).statusCode(400).body("type", equalTo("urn:problem:user-service:invalid-token"));
    }

    @Test
    void anAddressGetsAtMostThreeMailsAnHourAndFurtherRequestsLookTheSame() {
        Account account = newAccount("Flooded");
        awaitMail(account.email(), 1);
        String expected = null;
        for (int i = 0; i < 5; i++) {
            String body = requestRecovery(account.email(), uniqueClient()).statusCode(202).extract().asString();
            assertThat(body).isEqualTo(expected == null ? body : expected);
            expected = body;
        }
        awaitExactly(account.email(), 3); // the verification and 2 reset links: the cap counts every kind of mail
        assertThat(db().count("SELECT count(*) FROM account_tokens WHERE user_id = ? AND purpose = 'reset-password'",
                account.id())).isEqualTo(2);
        assertThat(db().row("SELECT hits FROM rate_limit WHERE bucket = 'mail-recipient-hour' AND key = ?",
                account.email().toLowerCase()).get("hits")).as("refused requests are not counted").isEqualTo(3);
    }

    @Test
    void aRequestHeldBackIsCountedAndAuditedAlikeForKnownAndUnknownAddresses() {
        Account account = newAccount("Capped Known");
        awaitMail(account.email(), 1);
        String unknown = uniqueEmail();
        for (int i = 0; i < 3; i++) { // both at their cap: the known address had its registration's mail
            requestRecovery(account.email(), uniqueClient()).statusCode(202);
            requestRecovery(unknown, uniqueClient()).statusCode(202);
        }
        Counter heldBack = metrics.get("users.mail.held.back").tag("kind", "password-reset").counter();

        try (LogCapture logs = new LogCapture()) {
            double before = heldBack.count();
            requestRecovery(account.email(), uniqueClient()).statusCode(202);
            double afterKnown = heldBack.count();
            requestRecovery(unknown, uniqueClient()).statusCode(202);

            assertThat(afterKnown - before).isEqualTo(1);
            assertThat(heldBack.count() - afterKnown).isEqualTo(1);
            assertThat(logs.records("audit")).filteredOn(line -> "mail.held-back".equals(line.mdc().get("event")))
                    .extracting(line -> withoutRequest(line.mdc()))
                    .containsExactly(Map.of("event", "mail.held-back", "detail", "password-reset"),
                            Map.of("event", "mail.held-back", "detail", "password-reset"));
        }
        assertThat(mailsTo(unknown)).isEmpty();
    }

    @Test
    void aClientGets429AfterTenRequests() {
        String client = uniqueClient();
        for (int i = 0; i < 10; i++) {
            requestRecovery(uniqueEmail(), client).statusCode(202);
        }
        String retryAfter = requestRecovery(uniqueEmail(), client).statusCode(429).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:too-many-requests"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 15 * 60);
        requestRecovery(uniqueEmail(), uniqueClient()).statusCode(202);
    }

    @Test
    void malformedRequestsAreA400Problem() {
        requestRecovery("not an address", uniqueClient()).statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("email"));
        io.restassured.RestAssured.given().contentType("application/json").body("{}").post("/auth/password-recovery")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("email"));
        io.restassured.RestAssured.given().contentType("application/json").body("{\"token\": \"x\"}")
                .post("/auth/reset-password").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("newPassword"));
    }

    @Test
    void theAuditLogRecordsRequestsAndResetsWithoutTokenOrAddress() {
        try (LogCapture logs = new LogCapture()) {
            Account account = newAccount("Audited Reset");
            String unknown = uniqueEmail();
            requestRecovery(unknown, uniqueClient()).statusCode(202);
            String client = uniqueClient();
            requestRecovery(account.email(), client).statusCode(202);
            String token = awaitResetToken(account.email(), 1);
            reset(token, NEW_PASSWORD).statusCode(204);

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines().stream()
                    .filter(line -> line.startsWith("audit password.recovery-requested account=- ")).count() >= 1);
            assertThat(logs.lines())
                    .anyMatch(line -> line.startsWith("audit password.recovery-requested account=" + account.id() + " "))
                    .anyMatch(line -> line.startsWith("audit password.reset account=" + account.id() + " "))
                    .filteredOn(line -> !line.startsWith("com.icegreen"))
                    .noneMatch(line -> line.contains(token) || line.contains(account.email()) || line.contains(unknown));
            assertThat(logs.records("audit")).as("the background task's line keeps the request's client address")
                    .filteredOn(line -> "password.recovery-requested".equals(line.mdc().get("event"))
                            && Integer.toString(account.id()).equals(line.mdc().get("accountId")))
                    .singleElement().satisfies(line -> assertThat(line.mdc()).containsEntry("client", client)
                            .containsKey("requestId"));
        }
    }

    /** An audit line's fields but those of its request (its id and client address). */
    private static Map<String, String> withoutRequest(Map<String, String> mdc) {
        Map<String, String> fields = new TreeMap<>(mdc);
        fields.keySet().removeAll(java.util.Set.of("requestId", "client"));
        return fields;
    }

    /** The answer's headers but those that differ on every request anyway. */
    private static Map<String, String> headers(ExtractableResponse<Response> response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().forEach(h -> {
            if (!h.getName().equalsIgnoreCase("X-Request-Id") && !h.getName().equalsIgnoreCase("Date")) {
                headers.merge(h.getName().toLowerCase(), h.getValue(), (a, b) -> a + "," + b);
            }
        });
        return headers;
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
