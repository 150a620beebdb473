package com.ecommerce.users.mail;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.support.TimedHttp;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * With its SMTP server out of reach, the packaged application still registers accounts (201), changes addresses (200)
 * and accepts recovery requests (202): each mail is retried, then given up with one warning that names the account id,
 * never the address or the token; and the account can ask for it again. Against a server that never answers, the
 * answer does not wait for the mail, nor does the mail hold a database connection.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class MailOutageIT {

    @Test
    void registrationSucceedsAndTheFailedMailIsLoggedWithoutAddressOrToken() throws Exception {
        DatabaseCoordinates.Coordinates db = DatabaseCoordinates.current();
        try (PackagedApp app = PackagedApp.start("mail-outage", mailAt(db, closedPort()))) {
            app.awaitReady(Duration.ofSeconds(90));
            String email = uniqueEmail();
            int id = given().baseUri(app.baseUri()).contentType(ContentType.JSON).body(json("Offline", email, PASSWORD))
                    .post("/users").then().statusCode(201).body("emailVerified", equalTo(false)).extract().path("id");

            String failure = "Could not send the verification mail of account id=" + id + " after 2 attempts";
            Awaitility.await("the warning").atMost(Duration.ofSeconds(30)).until(() -> app.output().contains(failure));
            assertThat(new TestDatabase(db.dataSource()).count("SELECT count(*) FROM account_tokens WHERE user_id = ?", id))
                    .as("the token was stored; only its mail failed").isOne();

            String token = given().baseUri(app.baseUri()).contentType(ContentType.JSON)
                    .body("{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}").post("/auth/login")
                    .then().statusCode(200).extract().path("access_token");
            given().baseUri(app.baseUri()).auth().oauth2(token).post("/users/me/email-verification").then().statusCode(202);
            Awaitility.await("the second warning").atMost(Duration.ofSeconds(30))
                    .until(() -> app.output().split(java.util.regex.Pattern.quote(failure), -1).length == 3);

            // neither does an email change fail, nor a recovery request (whose mail goes to the new address)
            String newEmail = uniqueEmail();
            given().baseUri(app.baseUri()).auth().oauth2(token).contentType("application/merge-patch+json")
                    .body("{\"email\": \"" + newEmail + "\", \"currentPassword\": \"" + PASSWORD + "\"}")
                    .patch("/users/me").then().statusCode(200).body("emailVerified", equalTo(false));
            given().baseUri(app.baseUri()).contentType(ContentType.JSON).body("{\"email\": \"" + newEmail + "\"}")
                    .post("/auth/password-recovery").then().statusCode(202);
            Awaitility.await("the warnings of both").atMost(Duration.ofSeconds(30))
                    .until(() -> app.output().split(java.util.regex.Pattern.quote(failure), -1).length == 4
                            && app.output().contains("Could not send the password reset mail of account id=" + id));

            assertThat(app.output()).doesNotContain(email).doesNotContain(newEmail);
        }
    }

    @Test
    void aServerThatNeverAnswersCostsAnAttemptNotTheMail() throws Exception {
        DatabaseCoordinates.Coordinates db = DatabaseCoordinates.current();
        // accepts SMTP connections and never says a word: without a timeout, a send would wait on it for ever
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            Map<String, String> env = mailAt(db, silent.getLocalPort());
            env.put("USERS_MAIL_ATTEMPT_TIMEOUT", "5s");
            try (PackagedApp app = PackagedApp.start("mail-silent", env)) {
                app.awaitReady(Duration.ofSeconds(90));
                int id = given().baseUri(app.baseUri()).contentType(ContentType.JSON).body(json("Silent", uniqueEmail(), PASSWORD))
                        .post("/users").then().statusCode(201).extract().path("id");

                // answered while the mail waits on the server, and the wait borrows no pooled database connection
                String failure = "Could not send the verification mail of account id=" + id + " after 2 attempts";
                TimedHttp http = new TimedHttp(app);
                Awaitility.await("a moment with the mail pending and no connection borrowed").atMost(Duration.ofSeconds(8))
                        .until(() -> !held.isEmpty() && http.metric("agroal_active_count") == 0
                                && !app.output().contains(failure));

                Awaitility.await("the warning").atMost(Duration.ofSeconds(30)).until(() -> app.output().contains(failure));
                assertThat(held).as("each attempt reached the server").isNotEmpty();
            } finally {
                silent.close();
                acceptor.join(Duration.ofSeconds(5));
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    /** The packaged app's environment with its mail server at 127.0.0.1:{@code port}: two attempts, 50 ms apart. */
    private static Map<String, String> mailAt(DatabaseCoordinates.Coordinates db, int port) {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(port));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("USERS_MAIL_SEND_ATTEMPTS", "2");
        env.put("USERS_MAIL_RETRY_BACKOFF", "50ms");
        env.put("USERS_MAIL_MAX_RETRY_BACKOFF", "50ms");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return env;
    }

    /** A port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
