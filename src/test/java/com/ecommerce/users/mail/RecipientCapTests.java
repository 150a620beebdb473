package com.ecommerce.users.mail;

import static com.ecommerce.users.support.Mailbox.RESET_SUBJECT;
import static com.ecommerce.users.support.Mailbox.awaitExactly;
import static com.ecommerce.users.support.Mailbox.awaitMail;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.token;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every mail the service sends is capped per recipient address, whatever asks for it (registration, email change,
 * resend, recovery): 3 an hour and 10 a day by default ({@code users.mail.max-per-recipient-hour}, {@code -day}).
 * Counted on the canonical address before a token is issued, so a mail held back has no token; the request that
 * caused it succeeds all the same (a resend answers 429); it is counted in {@code users_mail_held_back_total} and
 * audited, without the address.
 */
@QuarkusTest
class RecipientCapTests {

    private static final String VERIFY_SUBJECT = "Confirm your email address";

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Test
    void registeringAndDeletingInALoopMailsTheAddressThreeTimes() {
        String victim = uniqueEmail();
        double heldBefore = heldBack("verification");
        List<Integer> ids = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 6; i++) {
                ids.add(register("https://evil.example/reset", victim, PASSWORD).statusCode(201).extract().path("id"));
                given().auth().oauth2(token(victim, PASSWORD)).delete("/users/me").then().statusCode(204);
            }

            awaitExactly(victim, 3);
            assertThat(heldBack("verification") - heldBefore).isEqualTo(3);
            assertThat(logs.records("audit")).filteredOn(line -> "mail.held-back".equals(line.mdc().get("event")))
                    .extracting(line -> line.mdc().get("accountId") + " " + line.mdc().get("detail"))
                    .containsExactly(ids.get(3) + " verification", ids.get(4) + " verification",
                            ids.get(5) + " verification");
            assertThat(logs.lines()).filteredOn(line -> line.startsWith("audit email.verification-sent "))
                    .hasSize(3);
            assertThat(logs.lines()).filteredOn(line -> !line.startsWith("com.icegreen"))
                    .noneMatch(line -> line.contains(victim));
        }
    }

    @Test
    void changingAnEmailBackAndForthMailsEachAddressThreeTimes() {
        Account account = newAccount("Mover");
        String own = account.email();
        String victim = uniqueEmail();
        String token = account.token();
        for (int i = 0; i < 5; i++) {
            token = changeEmail(token, victim);
            token = changeEmail(token, own);
        }

        awaitExactly(victim, 3);
        awaitExactly(own, 3); // the registration's and two of the five changes back
        assertThat(db().count("SELECT count(*) FROM account_tokens WHERE user_id = ?", account.id()))
                .as("no token for a mail held back").isEqualTo(6);
    }

    @Test
    void everyKindCountsTowardsTheSameCapAndAResendOverItIs429() {
        Account account = newAccount("Capped");
        requestRecovery(account.email(), uniqueClient()).statusCode(202);
        awaitMail(account.email(), RESET_SUBJECT, 1);
        account.auth().post("/users/me/email-verification").then().statusCode(202);
        awaitMail(account.email(), VERIFY_SUBJECT, 2);
        double resetsHeld = heldBack("password-reset");
        db().execute("UPDATE rate_limit SET window_start = window_start - interval '61 seconds' "
                + "WHERE bucket = 'verification-resend' AND key = ?", "account:" + account.id());

        String retryAfter = account.auth().post("/users/me/email-verification").then().statusCode(429)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:problem:user-service:too-many-requests"))
                .extract().header("Retry-After");
        requestRecovery(account.email(), uniqueClient()).statusCode(202);

        assertThat(Integer.parseInt(retryAfter)).as("the rest of the address's hour, not the resend's minute")
                .isBetween(61, 3600);
        assertThat(heldBack("password-reset") - resetsHeld).isEqualTo(1);
        awaitExactly(account.email(), 3);
        assertThat(db().count("SELECT count(*) FROM account_tokens WHERE user_id = ?", account.id()))
                .as("no token for a mail held back").isEqualTo(3);
    }

    @Test
    void theDayCapHoldsOnceTheHoursAreOver() {
        Account account = newAccount("Daily");
        String address = account.email();
        for (int mail = 2; mail <= 11; mail++) {
            if (mail % 3 == 1) { // three an hour: the hour is over (its window moved back behind the service's back)
                db().execute("UPDATE rate_limit SET window_start = window_start - interval '61 minutes' "
                        + "WHERE bucket = 'mail-recipient-hour' AND key = ?", address);
            }
            requestRecovery(address, uniqueClient()).statusCode(202);
        }

        awaitExactly(address, 10);
        assertThat(db().row("SELECT hits FROM rate_limit WHERE bucket = 'mail-recipient-day' AND key = ?", address)
                .get("hits")).as("a mail held back is not counted").isEqualTo(10);
        assertThat(db().count("SELECT count(*) FROM account_tokens WHERE user_id = ? AND purpose = 'reset-password'",
                account.id())).isEqualTo(9);
    }

    /** Changes the email of the token's account to {@code to}; the token of the new login. */
    private static String changeEmail(String token, String to) {
        given().auth().oauth2(token).contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(to, PASSWORD))
                .patch("/users/me").then().statusCode(200).body("email", equalTo(to));
        return token(to, PASSWORD); // the change ended every token of the account
    }

    private double heldBack(String kind) {
        Counter counter = metrics.find("users.mail.held.back").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
