package com.ecommerce.users.verification;

import static com.ecommerce.users.support.Mailbox.awaitMail;
import static com.ecommerce.users.support.Mailbox.awaitToken;
import static com.ecommerce.users.support.Mailbox.mailsTo;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.sha256;
import static com.ecommerce.users.verification.VerificationApi.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.Mailbox;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Email verification end to end, over real SMTP (support/Mailbox): registration mails a single-use link, valid 24 h,
 * whose token is stored only as its SHA-256; using it verifies the address; an email change unverifies and mails the
 * new address, and links to the old one prove nothing; resends are throttled.
 */
@QuarkusTest
class VerificationTests {

    @Inject
    DataSource dataSource;

    @Test
    void registrationMailsALinkWhoseTokenIsStoredOnlyHashedAndWorksOnce() throws Exception {
        Account account = newAccount("Ada Verified");
        account.auth().get("/users/me").then().statusCode(200).body("emailVerified", equalTo(false));

        MimeMessage mail = awaitMail(account.email(), 1);
        assertThat(mail.getSubject()).isEqualTo("Confirm your email address");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@shop.example.com");
        String token = Mailbox.token(mail);
        assertThat(Mailbox.text(mail)).contains("http://localhost:3000/verify-email?token=" + token)
                .doesNotContain("Ada Verified"); // nothing an account chose (MailTemplatesTests)
        assertThat(Mailbox.html(mail)).contains("href=\"http://localhost:3000/verify-email?token=" + token + "\"");

        Map<String, Object> row = db().row("SELECT token_hash, purpose, email, created_at, expires_at, used_at "
                + "FROM account_tokens WHERE user_id = ?", account.id());
        assertThat((byte[]) row.get("token_hash")).as("stored as its SHA-256").isEqualTo(sha256(token));
        assertThat(db().count("SELECT count(*) FROM account_tokens t WHERE t::text LIKE ? OR token_hash = convert_to(?, 'UTF8')",
                "%" + token + "%", token)).as("the raw token is nowhere in the table").isZero();
        assertThat(row.get("purpose")).isEqualTo("verify-email");
        assertThat(row.get("email")).isEqualTo(account.email());
        assertThat(row.get("used_at")).isNull();
        assertThat(Duration.between(((Timestamp) row.get("created_at")).toInstant(),
                ((Timestamp) row.get("expires_at")).toInstant())).isEqualTo(Duration.ofHours(24));

        verify(token).statusCode(204);

        account.auth().get("/users/me").then().statusCode(200).body("emailVerified", equalTo(true));
        assertThat(db().row("SELECT email_verified_at FROM users WHERE id = ?", account.id()).get("email_verified_at"))
                .isNotNull();
        assertThat(db().row("SELECT used_at FROM account_tokens WHERE user_id = ?", account.id()).get("used_at")).isNotNull();
        verify(token).statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:used-token"))
                .body("instance", equalTo("/auth/verify-email"));
    }

    @Test
    void anExpiredLinkIsAClear400AndVerifiesNothing() {
        Account account = newAccount("Late Reader");
        String token = awaitToken(account.email(), 1);
        db().execute("UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = ?", sha256(token));

        verify(token).statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:expired-token"));

        account.auth().get("/users/me").then().body("emailVerified", equalTo(false));
    }

    @Test
    void unknownAndMalformedTokensAreA400Problem() {
        verify("q3FzX0l8m2k1Yb9dTq7w8Qv2hJ5sR4uN6cE0aPzLxYg").statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:invalid-token"));
        verify("").statusCode(400).body("type", equalTo("urn:problem:user-service:invalid-token"));
        verify("x".repeat(129)).statusCode(400).body("type", equalTo("urn:problem:user-service:validation"))
                .body("errors[0].field", equalTo("token"));
        given().contentType(ContentType.JSON).body("{}").post("/auth/verify-email").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("errors[0].field", equalTo("token"));
        given().contentType(ContentType.JSON).body("{\"token\": 42}").post("/auth/verify-email").then().statusCode(400)
                .contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).post("/auth/verify-email").then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void aNewAddressIsUnverifiedAndOnlyTheLinkMailedToItVerifiesIt() {
        Account account = newAccount("Mover");
        String toOldAddress = awaitToken(account.email(), 1);
        String newEmail = uniqueEmail();

        account.auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(newEmail, PASSWORD))
                .patch("/users/me").then().statusCode(200).body("emailVerified", equalTo(false));

        String toNewAddress = awaitToken(newEmail, 1);
        verify(toOldAddress).statusCode(400).body("type", equalTo("urn:problem:user-service:invalid-token"));
        verify(toNewAddress).statusCode(204);
        assertThat(db().row("SELECT email_verified_at FROM users WHERE id = ?", account.id()).get("email_verified_at"))
                .isNotNull();
    }

    @Test
    void anEmailChangeUnverifiesAVerifiedAccountButAnotherLetterCaseDoesNot() throws Exception {
        Account account = newAccount("Verified Mover");
        verify(awaitToken(account.email(), 1)).statusCode(204);

        String sameAddress = account.email().toUpperCase();
        admin().auth().contentType(MERGE_PATCH).body("{\"email\": \"%s\"}".formatted(sameAddress))
                .patch("/users/" + account.id()).then().statusCode(200).body("emailVerified", equalTo(true));

        String newEmail = uniqueEmail();
        admin().auth().contentType(MERGE_PATCH).body("{\"email\": \"%s\"}".formatted(newEmail))
                .patch("/users/" + account.id()).then().statusCode(200).body("emailVerified", equalTo(false));
        assertThat(awaitMail(newEmail, 1).getSubject()).isEqualTo("Confirm your email address");
        assertThat(mailsTo(account.email())).as("nothing more to the old address").hasSize(1);
    }

    @Test
    void aResendMailsANewLinkAtMostOncePerMinute() {
        Account account = newAccount("Resender");
        awaitMail(account.email(), 1);

        account.auth().post("/users/me/email-verification").then().statusCode(202);
        String second = awaitToken(account.email(), 2);
        String refused = account.auth().post("/users/me/email-verification").then().statusCode(429)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:problem:user-service:too-many-requests"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(refused)).isBetween(1, 60);
        assertThat(db().count("SELECT count(*) FROM account_tokens WHERE user_id = ?", account.id())).isEqualTo(2);

        // the window is over (moved back behind the service's back): the next resend goes through
        db().execute("UPDATE rate_limit SET window_start = window_start - interval '61 seconds' WHERE key = ?",
                "account:" + account.id());
        account.auth().post("/users/me/email-verification").then().statusCode(202);
        awaitMail(account.email(), 3);

        verify(second).statusCode(204);
        account.auth().post("/users/me/email-verification").then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:email-already-verified"));
        given().post("/users/me/email-verification").then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void theSixthResendOfADayIsRefusedUntilTheDayIsOver() {
        Account account = newAccount("Daily Resender");
        for (int i = 0; i < 5; i++) {
            account.auth().post("/users/me/email-verification").then().statusCode(202);
            // the minute is over, and so is the address's hour of mail (3 of every kind)
            db().execute("UPDATE rate_limit SET window_start = window_start - interval '61 minutes' "
                    + "WHERE bucket = 'verification-resend' AND key = ? OR bucket = 'mail-recipient-hour' AND key = ?",
                    "account:" + account.id(), account.email());
        }
        String refused = account.auth().post("/users/me/email-verification").then().statusCode(429)
                .contentType(PROBLEM_JSON).extract().header("Retry-After");
        assertThat(Integer.parseInt(refused)).as("the day's window, not the minute's").isBetween(61, 24 * 3600);
    }

    @Test
    void theAuditLogRecordsTheStepsWithoutTokenOrAddress() {
        try (LogCapture logs = new LogCapture()) {
            String email = uniqueEmail();
            int id = register("Audited", email, PASSWORD).statusCode(201).extract().path("id");
            String token = awaitToken(email, 1);
            verify(token).statusCode(204);

            assertThat(logs.lines()).anyMatch(line -> line.startsWith("audit email.verification-sent account=" + id + " "))
                    .anyMatch(line -> line.startsWith("audit email.verified account=" + id + " "))
                    .noneMatch(line -> line.contains(token) || line.contains(email));
        }
    }

    @Test
    void deletingTheAccountDeletesItsTokens() {
        Account account = newAccount("Leaver");
        awaitMail(account.email(), 1);
        account.auth().delete("/users/me").then().statusCode(204);
        assertThat(db().count("SELECT count(*) FROM account_tokens WHERE user_id = ?", account.id())).isZero();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
