package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.TestDatabase;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.JWTParser;

/**
 * One address, one account, one set of counters, whatever its spelling (issue 20, findings 2, 3, 4 and 10): the
 * canonical form decides, in the unique index, every lookup, the throttle, the rate limits and the token; look-alikes
 * and addresses the mailer cannot send to are refused; input no account can have leaves no row behind.
 */
@QuarkusTest
class EmailSpellingsTests {

    @Inject
    DataSource dataSource;

    @Inject
    JWTParser jwts;

    @Test
    void spellingsOfARegisteredAddressAreTheSameAccount() {
        String local = "boss-" + UUID.randomUUID();
        register("Boss", local + "@example.com", PASSWORD).statusCode(201);

        for (String spelling : List.of(local.toUpperCase() + "@EXAMPLE.COM", fullwidth(local) + "@example.com",
                local.replace("s", "ſ") + "@example.com", local + "＠example.com", " " + local + "@example.com ")) {
            register("Impostor", spelling, PASSWORD).statusCode(409).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:problem:user-service:duplicate-email"));
        }
        assertThat(db().count("SELECT count(*) FROM users WHERE email_canonical = ?", local + "@example.com")).isEqualTo(1);
    }

    @Test
    void lookAlikesAndAddressesTheMailerCannotSendToAreRefused() {
        String local = "boss-" + UUID.randomUUID();
        for (String lookAlike : List.of("\u200B" + local + "@example.com", local + "@example.com\u200B",
                local.replace("o", "о") + "@example.com", // Cyrillic o
                local.replace("s", "ѕ") + "@example.com", // Cyrillic dze
                "b\u0131ll-" + local + "@example.com", // dotless i
                local + "@ex\u0430mple.com", // Cyrillic a in the domain
                local + "\u202E@example.com", // right-to-left override
                "\"a,evil@x.test\"@x.test", "\"" + local + "\"@example.com", local + "@localhost")) {
            register("Look-alike", lookAlike, PASSWORD).statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors[0].field", equalTo("email"));
        }
        assertThat(db().count("SELECT count(*) FROM users WHERE email_canonical LIKE ? OR email LIKE ?",
                "%" + local.substring(5) + "%", "%evil@x.test%")).isZero();
    }

    @Test
    void aTurkishCapitalIDoesNotLogIntoTheAccountItResembles() {
        String address = "victim-" + UUID.randomUUID() + "@example.com";
        register("Victim", address, PASSWORD).statusCode(201);

        login(address.replace("victim", "vİctim"), PASSWORD).statusCode(401);
        login(address.replace("victim", "vİctİm"), PASSWORD).statusCode(401);
        login(address.toUpperCase(), PASSWORD).statusCode(200);
        login(fullwidth("victim") + address.substring(6), PASSWORD).statusCode(200);
        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key LIKE ?", "%" + address.substring(7)))
                .as("a spelling that cannot be an account's address is counted nowhere").isZero();
    }

    @Test
    void everySpellingCountsTowardsTheSameThrottle() {
        String address = "guessed-" + UUID.randomUUID() + "@example.com";
        register("Guessed", address, PASSWORD).statusCode(201);
        List<String> spellings = List.of(address, address.toUpperCase(), fullwidth("guessed") + address.substring(7),
                " " + address, address.replace("guessed", "GuEsSeD"));
        for (String spelling : spellings) {
            login(spelling, "wrong guess").statusCode(401);
        }
        login(address, PASSWORD).statusCode(401); // locked after five guesses, whatever their spelling
        assertThat(db().rows("SELECT email_key, failures FROM login_throttle WHERE email_key = ? ORDER BY client", address))
                .extracting(row -> row.get("failures")).containsExactly(5, 5);
        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key <> ? AND email_key ILIKE ?", address,
                "%" + address.substring(8))).isZero();
    }

    @Test
    void everySpellingCountsTowardsTheSameRecoveryCap() {
        String address = "forgetful-" + UUID.randomUUID() + "@example.com";
        int id = register("Forgetful", address, PASSWORD).statusCode(201).extract().path("id");
        for (String spelling : List.of(address, address.toUpperCase(), fullwidth("forgetful") + address.substring(9),
                address.replace("f", "F"), " " + address, address.replace("forgetful", "fORGETFUL"))) {
            given().contentType(ContentType.JSON).body("{\"email\": %s}".formatted(UserApi.quote(spelling)))
                    .header("X-Forwarded-For", "198.51.100." + (1 + Math.abs(spelling.hashCode() % 200)))
                    .post("/auth/password-recovery").then().statusCode(202);
        }
        given().contentType(ContentType.JSON).body("{\"email\": %s}".formatted(UserApi.quote("İ" + address)))
                .post("/auth/password-recovery").then().statusCode(400).contentType(PROBLEM_JSON);

        assertThat(db().row("SELECT hits FROM rate_limit WHERE bucket = 'mail-recipient-hour' AND key = ?", address)
                .get("hits")).as("one counter for every spelling (the registration's mail and two reset links); "
                        + "refused requests are not counted").isEqualTo(3);
        org.awaitility.Awaitility.await().until(() -> db().count(
                "SELECT count(*) FROM account_tokens WHERE user_id = ? AND purpose = 'reset-password'", id) == 2);
    }

    @Test
    void theTokenNamesTheCanonicalAddressAndTheAccountKeepsItsSpelling() throws Exception {
        String local = "Mixed.Case-" + UUID.randomUUID();
        String typed = local + "@Example.COM";
        register("Mixed", typed, PASSWORD).statusCode(201).body("email", equalTo(typed));
        String token = UserApi.token(typed.toLowerCase(), PASSWORD);

        assertThat(jwts.parse(token).getClaim("upn").toString()).isEqualTo(local.toLowerCase() + "@example.com");
        given().auth().oauth2(token).get("/users/me").then().statusCode(200).body("email", equalTo(typed));
        UserApi.admin().auth().queryParam("email", fullwidth(local.toLowerCase()) + "@EXAMPLE.com").get("/users")
                .then().statusCode(200).body("items.email", org.hamcrest.Matchers.contains(typed));
    }

    @Test
    void inputNoAccountCanHaveLeavesNoThrottleRow() {
        String marker = UUID.randomUUID().toString();
        long before = db().count("SELECT count(*) FROM login_throttle");
        for (String junk : List.of("not-an-address-" + marker, marker + "@", "@" + marker, "a b " + marker + "@x.example",
                "\u200B" + marker + "@example.com", marker + "@localhost", "İ" + marker + "@example.com")) {
            login(junk, "guess").statusCode(401);
        }
        login("   padded-" + marker + "@example.com   ", "guess").statusCode(401);
        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key LIKE ?", "%" + marker + "%"))
                .as("only the padded address, stripped, on its own row and the account-wide one").isEqualTo(2);
        assertThat(db().count("SELECT count(*) FROM login_throttle WHERE email_key = ?", "padded-" + marker + "@example.com"))
                .isEqualTo(2);
        assertThat(db().count("SELECT count(*) FROM login_throttle")).isLessThanOrEqualTo(before + 2);
    }

    /** The same letters in their fullwidth forms (U+FF01..FF5E), which NFKC maps back. */
    private static String fullwidth(String ascii) {
        StringBuilder out = new StringBuilder();
        ascii.chars().forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return out.toString();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
