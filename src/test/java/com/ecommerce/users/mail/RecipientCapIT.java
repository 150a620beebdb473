package com.ecommerce.users.mail;

import static com.ecommerce.users.support.Mailbox.awaitExactly;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TimedHttp;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The attack on the packaged application, at scale: 1 000 registrations of a victim's address, each deleted again,
 * then 200 round trips of an account's email onto the victim's address and back. The victim's mailbox (a real SMTP
 * server, support/Mailbox) receives the hourly cap, 3 mails, and so does the address the account moves back to; every
 * other mail is held back, counted and issued no token. An admin deletes and moves the accounts, so that a cycle costs
 * one password hash (the registration's): the mail path is the same whoever makes the change.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class RecipientCapIT {

    private static final Logger LOG = Logger.getLogger(RecipientCapIT.class);
    private static final String HELD_BACK = "users_mail_held_back_total";
    private static final String VERIFICATION = "kind=\"verification\"";

    @TestHTTPResource(value = "", management = true)
    URI management;

    @Test
    void aThousandRegistrationsAndTwoHundredEmailChangesMailTheVictimThreeTimes() throws Exception {
        TimedHttp http = new TimedHttp(RestAssured.baseURI + ":" + RestAssured.port,
                RestAssured.baseURI + ":" + management.getPort());
        TestDatabase db = new TestDatabase(DatabaseCoordinates.current().dataSource());
        String victim = uniqueEmail();
        double heldBefore = http.metric(HELD_BACK, VERIFICATION);

        long start = System.nanoTime();
        String admin = null;
        for (int i = 0; i < 1000; i++) {
            if (i % 250 == 0) {
                admin = admin().token(); // access tokens last 15 minutes
            }
            int id = register("https://evil.example/reset", victim, PASSWORD).statusCode(201).extract().path("id");
            given().auth().oauth2(admin).delete("/users/" + id).then().statusCode(204);
        }
        Duration registrations = Duration.ofNanos(System.nanoTime() - start);

        start = System.nanoTime();
        admin = admin().token();
        String own = uniqueEmail();
        int mover = register("Mover", own, PASSWORD).statusCode(201).extract().path("id");
        for (int i = 0; i < 200; i++) {
            moveEmail(admin, mover, victim);
            moveEmail(admin, mover, own);
        }
        Duration changes = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("1000 registration/delete cycles: %d s; 200 email change round trips: %d s",
                registrations.toSeconds(), changes.toSeconds());

        awaitExactly(victim, 3);
        awaitExactly(own, 3); // the registration's and the first two changes back
        // 997 registrations, 200 changes onto the victim's address, 198 back
        assertThat(http.metric(HELD_BACK, VERIFICATION) - heldBefore).isEqualTo(1395);
        assertThat(db.count("SELECT count(*) FROM account_tokens WHERE user_id = ?", mover))
                .as("a token for each mail sent, none for those held back").isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM users WHERE email_canonical = ?", victim)).isZero();
    }

    private static void moveEmail(String admin, int id, String email) {
        given().auth().oauth2(admin).contentType(MERGE_PATCH).body("{\"email\": \"" + email + "\"}")
                .patch("/users/" + id).then().statusCode(200);
    }
}
