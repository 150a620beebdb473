package com.ecommerce.users.user;

import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.token;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.reset;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Optional;
import java.util.logging.Level;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.password.NotACommonPassword;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every way a password is set refuses one from the list of common passwords (nbvcxz's, password.CommonPasswords),
 * whatever its letter case, with the validation problem and its own reason, and accepts a password off the list; a
 * login does not screen, so a listed password set before (an adopted passlib hash) keeps working.
 */
@QuarkusTest
class PasswordScreeningTests {

    /** On the list as {@code iloveyou}, {@code football}, {@code trustno1}, {@code qwerty123}, {@code baseball}. */
    private static final String LISTED = "iloveyou";
    private static final String LISTED_OTHER_CASE = "FootBall";
    /** Fullwidth letters and digits: NFKC makes them {@code trustno1}. */
    private static final String LISTED_FULLWIDTH = "ｔｒｕｓｔｎｏ１";
    private static final String UNLISTED = "tangerine kayak spreadsheet";
    /** passlib 1.7.4's default hash of "secret123" (on the list), from the vectors. */
    private static final String PASSLIB_SECRET123 = "$argon2id$v=19$m=102400,t=2,p=8$iXHO2ZvznvN+r/X+/9/b+w$CDGEpTUK3e77+49SSTqdWA";

    @Inject
    DataSource dataSource;

    @Inject
    Validator validator;

    @Inject
    PasswordHasher passwords;

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Test
    void registrationRefusesAListedPasswordInAnyCaseAndAcceptsAnother() {
        for (String listed : new String[] { LISTED, LISTED_OTHER_CASE, "QWERTY123", LISTED_FULLWIDTH }) {
            String email = uniqueEmail();
            refused(register("Common", email, listed), "password");
            assertThat(db().count("SELECT count(*) FROM users WHERE email = ?", email)).as(listed).isZero();
        }
        String email = uniqueEmail();
        register("Uncommon", email, UNLISTED).statusCode(201);
        login(email, UNLISTED).statusCode(200);
    }

    @Test
    void aPasswordChangeRefusesAListedPasswordAndKeepsTheOldOne() {
        Account account = newAccount("Changer");
        refused(change(account, LISTED_OTHER_CASE), "newPassword");
        account.auth().get("/users/me").then().statusCode(200); // nothing changed: the token still works
        login(account.email(), PASSWORD).statusCode(200);

        change(account, UNLISTED).statusCode(204);
        login(account.email(), UNLISTED).statusCode(200);
    }

    @Test
    void anAdminsResetOfAnotherAccountRefusesAListedPassword() {
        Account account = newAccount("Reset By Admin");
        Account admin = admin();
        refused(admin.auth().contentType(MERGE_PATCH).body("{\"password\": \"Baseball\"}").patch("/users/" + account.id())
                .then(), "password");
        login(account.email(), PASSWORD).statusCode(200);

        admin.auth().contentType(MERGE_PATCH).body("{\"password\": \"" + UNLISTED + "\"}").patch("/users/" + account.id())
                .then().statusCode(200);
        login(account.email(), UNLISTED).statusCode(200);
    }

    @Test
    void aResetLinkRefusesAListedPasswordAndStaysUsable() {
        Account account = newAccount("Forgetful");
        requestRecovery(account.email(), uniqueClient()).statusCode(202);
        String link = awaitResetToken(account.email(), 1);

        refused(reset(link, "TRUSTNO1"), "newPassword");
        login(account.email(), PASSWORD).statusCode(200);

        reset(link, UNLISTED).statusCode(204);
        login(account.email(), UNLISTED).statusCode(200);
    }

    @Test
    void theBootstrapAdminIsNotCreatedWithAListedPassword() {
        try (LogCapture log = new LogCapture()) {
            assertThat(bootstrap("Password123").ensureAdmin()).isEqualTo(BootstrapAdmin.Outcome.NOT_CONFIGURED);
            assertThat(log.records(BootstrapAdmin.class.getName())).singleElement().satisfies(warning -> {
                assertThat(warning.level().intValue()).isEqualTo(Level.WARNING.intValue());
                assertThat(warning.message()).contains("users.bootstrap-admin.password breaks the rule")
                        .contains(NotACommonPassword.MESSAGE).doesNotContain("Password123");
            });
        }
        assertThat(db().count("SELECT count(*) FROM users WHERE email = ?", "listed-boss@bootstrap.example")).isZero();
        // an unlisted password passes the rule: the bootstrap goes on, to find this test profile's admin in place
        assertThat(bootstrap(UNLISTED).ensureAdmin()).isEqualTo(BootstrapAdmin.Outcome.ADMIN_EXISTS);
    }

    @Test
    void aListedPasswordSetBeforeTheScreenStillLogsIn() {
        Account account = newAccount("Adopted");
        assertThat(db().execute("UPDATE users SET password = ? WHERE id = ?", PASSLIB_SECRET123, account.id())).isEqualTo(1);

        given().auth().oauth2(token(account.email(), "secret123")).get("/users/me").then().statusCode(200);
    }

    private BootstrapAdmin bootstrap(String password) {
        BootstrapAdminConfig config = new BootstrapAdminConfig() {
            @Override
            public Optional<String> email() {
                return Optional.of("listed-boss@bootstrap.example");
            }

            @Override
            public Optional<String> password() {
                return Optional.of(password);
            }
        };
        return new BootstrapAdmin(config, validator, passwords, users, audit);
    }

    /** The validation problem, naming only the field, with the screen's reason. */
    private static void refused(ValidatableResponse response, String field) {
        response.statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:validation"))
                .body("errors.field", contains(field))
                .body("errors.message", contains(NotACommonPassword.MESSAGE));
    }

    private static ValidatableResponse change(Account account, String next) {
        return account.auth().contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"" + next + "\"}")
                .put("/users/me/password").then();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
