package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.token;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The user API over HTTP only, so that {@link UserResourceIT} reruns it on the packaged application. */
@QuarkusTest
class UserResourceTests {

    @Test
    void registersAnAccount() {
        String email = uniqueEmail();
        Response created = register("  Ada Lovelace  ", email, PASSWORD)
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("ETag", "\"0\"")
                .body("name", equalTo("Ada Lovelace"))
                .body("email", equalTo(email))
                .body("role", equalTo("user"))
                .body("createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")))
                .extract().response();
        int id = created.path("id");
        assertThat(created.header("Location")).isEqualTo("/users/" + id);
        assertThat(created.<String> path("updatedAt")).isEqualTo(created.path("createdAt"));
        assertThat(created.asString()).doesNotContain("$argon2").doesNotContain(PASSWORD);

        given().auth().oauth2(token(email, PASSWORD)).when().get("/users/" + id)
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("id", equalTo(id))
                .body("name", equalTo("Ada Lovelace"))
                .body("createdAt", equalTo(created.path("createdAt")))
                .body("updatedAt", equalTo(created.path("updatedAt")));
    }

    @Test
    void emailIsUniqueWhateverItsLetterCase() {
        String email = uniqueEmail();
        register("First", email, PASSWORD).statusCode(201);

        register("Second", email.toUpperCase(), PASSWORD)
                .statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:duplicate-email"))
                .body("status", equalTo(409))
                .body("instance", equalTo("/users"));
    }

    @Test
    void rejectsInvalidFieldsNamingEachOne() {
        register("", "not-an-email", "sh0rt!") // too short, and on no list: one error per field
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:validation"))
                .body("errors.field", containsInAnyOrder("name", "email", "password"));
        register("x".repeat(51), uniqueEmail(), PASSWORD).statusCode(400).body("errors.field", everyItem(equalTo("name")));
        register("   ", uniqueEmail(), PASSWORD).statusCode(400).body("errors.field", everyItem(equalTo("name")));
        register("Tab\tName", uniqueEmail(), PASSWORD).statusCode(400).body("errors.field", everyItem(equalTo("name")));
        register("Ada", "a".repeat(250) + "@x.com", PASSWORD).statusCode(400).body("errors.field", everyItem(equalTo("email")));
        register("Ada", uniqueEmail(), "p".repeat(1025)).statusCode(400).body("errors.field", everyItem(equalTo("password")));
        register(null, null, null).statusCode(400).body("errors.field", containsInAnyOrder("name", "email", "password"));
    }

    @Test
    void acceptsTheBoundariesOfEachRule() {
        // 50 characters counted as PostgreSQL counts them: an emoji is one
        // and a password of 8 characters that is on no list of common passwords
        register("😀".repeat(50), uniqueEmail(), "kx7#Qm2v").statusCode(201);
        String local = UUID.randomUUID().toString().replace("-", "") + "a".repeat(32); // 64, RFC 5321's longest local part
        String email254 = local + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(email254).as("RFC 5321's longest path, 256 octets, less its angle brackets").hasSize(254);
        register("N", email254, "p".repeat(1024)).statusCode(201);
        register("N", "e" + email254, PASSWORD).statusCode(400).body("errors[0].field", equalTo("email"));
    }

    @Test
    void unknownPropertiesAreRejectedSoIdAndRoleCannotBeAssigned() {
        for (String extra : List.of("\"id\": 1", "\"role\": \"admin\"", "\"version\": 7", "\"passwordHash\": \"x\"")) {
            String email = uniqueEmail();
            given().contentType(ContentType.JSON)
                    .body("{\"name\": \"Eve\", \"email\": \"%s\", \"password\": \"%s\", %s}".formatted(email, PASSWORD, extra))
                    .when().post("/users")
                    .then().statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("errors[0].message", equalTo("unknown property"));
            register("Eve", email, PASSWORD).statusCode(201).body("role", equalTo("user"));
        }
    }

    @Test
    void getOfAMissingOrMalformedIdIsA404Problem() {
        Account admin = admin();
        for (String id : List.of("2147483647", "0", "-1", "abc", "99999999999999999999", "1.5")) {
            admin.auth().when().get("/users/" + id)
                    .then().statusCode(404)
                    .contentType(PROBLEM_JSON)
                    .body("status", equalTo(404))
                    .body("title", equalTo("Not Found"));
        }
    }

    @Test
    void meIsTheCallersOwnAccount() {
        Account account = newAccount("Myself");
        account.auth().get("/users/me").then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("id", equalTo(account.id()))
                .body("email", equalTo(account.email()));

        account.auth().contentType(MERGE_PATCH).body("{\"name\": \"Me Again\"}").patch("/users/me")
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("Me Again"));

        account.auth().delete("/users/me").then().statusCode(204);
        given().auth().oauth2(admin().token()).get("/users/" + account.id()).then().statusCode(404);
    }

    @Test
    void patchChangesOnlyWhatIsPresentAndBumpsTheVersion() {
        Account account = newAccount("Grace");
        String createdAt = account.auth().get("/users/" + account.id()).path("createdAt");

        account.auth().contentType(MERGE_PATCH).body("{\"name\": \"Grace Hopper\"}")
                .when().patch("/users/" + account.id())
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo("Grace Hopper"))
                .body("email", equalTo(account.email()))
                .body("createdAt", equalTo(createdAt))
                .body("updatedAt", not(equalTo(createdAt)));

        String newEmail = uniqueEmail();
        account.auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(newEmail, account.password()))
                .when().patch("/users/" + account.id())
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("email", equalTo(newEmail))
                .body("name", equalTo("Grace Hopper"));
    }

    @Test
    void patchWithIfMatchAppliesOnlyToThatVersion() {
        Account account = newAccount("Linus");
        String path = "/users/" + account.id();

        account.auth().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"name\": \"Linus T\"}")
                .when().patch(path)
                .then().statusCode(200).header("ETag", "\"1\"");

        account.auth().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"name\": \"Stale\"}")
                .when().patch(path)
                .then().statusCode(412)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:version-mismatch"));
        account.auth().contentType(MERGE_PATCH).header("If-Match", "W/\"1\"").body("{\"name\": \"Weak\"}")
                .when().patch(path)
                .then().statusCode(412);
        account.auth().get(path).then().body("name", equalTo("Linus T")).header("ETag", "\"1\"");

        account.auth().contentType(MERGE_PATCH).header("If-Match", "\"7\", \"1\"").body("{\"name\": \"Listed\"}")
                .when().patch(path)
                .then().statusCode(200).header("ETag", "\"2\"");
        account.auth().contentType(MERGE_PATCH).header("If-Match", "*").body("{\"name\": \"Any\"}")
                .when().patch(path)
                .then().statusCode(200).header("ETag", "\"3\"");
        account.auth().contentType(MERGE_PATCH).header("If-Match", "garbage").body("{\"name\": \"Bad\"}")
                .when().patch(path)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("If-Match"));
    }

    @Test
    void patchRejectsNullsUnknownPropertiesDuplicatesAndTheWrongContentType() {
        String taken = uniqueEmail();
        register("Taken", taken, PASSWORD).statusCode(201);
        Account account = newAccount("Patchy");
        String path = "/users/" + account.id();

        account.auth().contentType(MERGE_PATCH).body("{\"name\": null}").when().patch(path)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("name")).body("errors[0].message", equalTo("must not be null"));
        account.auth().contentType(MERGE_PATCH).body("{\"id\": 5}").when().patch(path)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("id"));
        account.auth().contentType(MERGE_PATCH)
                .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(taken.toUpperCase(), account.password()))
                .when().patch(path)
                .then().statusCode(409).contentType(PROBLEM_JSON);
        account.auth().contentType(MERGE_PATCH).body("{\"name\": \"\"}").when().patch(path)
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        account.auth().contentType(ContentType.JSON).body("{\"name\": \"Json\"}").when().patch(path)
                .then().statusCode(415).contentType(PROBLEM_JSON);
        admin().auth().contentType(MERGE_PATCH).body("{\"name\": \"Ghost\"}").when().patch("/users/2147483647")
                .then().statusCode(404).contentType(PROBLEM_JSON);

        account.auth().get(path).then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo("Patchy"));
    }

    @Test
    void deleteRemovesTheAccount() {
        Account account = newAccount("Short-lived");
        Account admin = admin();
        String path = "/users/" + account.id();

        account.auth().header("If-Match", "\"5\"").when().delete(path).then().statusCode(412).contentType(PROBLEM_JSON);
        account.auth().when().delete(path).then().statusCode(204);
        admin.auth().when().get(path).then().statusCode(404).contentType(PROBLEM_JSON);
        admin.auth().when().delete(path).then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void listsPagesInIdOrderWithACursor() {
        Account admin = admin();
        String tag = "Page" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(UserApi.registerNew(tag + " member " + i));
        }

        List<Integer> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        do {
            Response page = admin.auth().queryParam("limit", 2).queryParam("name", tag.toLowerCase()).queryParam("after", after)
                    .when().get("/users")
                    .then().statusCode(200).contentType(ContentType.JSON)
                    .body("items", notNullValue())
                    .extract().response();
            seen.addAll(page.path("items.id"));
            after = page.path("next");
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void filtersByEmailIgnoringCase() {
        Account admin = admin();
        String email = uniqueEmail();
        int id = register("Filtered", email, PASSWORD).statusCode(201).extract().path("id");

        admin.auth().queryParam("email", email.toUpperCase()).when().get("/users")
                .then().statusCode(200)
                .body("items.id", containsInAnyOrder(id))
                .body("next", nullValue());
        admin.auth().queryParam("name", "%").queryParam("email", email).when().get("/users")
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void listDefaultsToTwentyAndRejectsBadParameters() {
        Account admin = admin();
        for (int i = 0; i < 21; i++) {
            UserApi.registerNew("Filler " + i);
        }
        admin.auth().when().get("/users").then().statusCode(200)
                .body("items.size()", equalTo(20))
                .body("next", notNullValue());

        Map<String, String> bad = Map.of("limit", "0", "after", "not-a-cursor");
        bad.forEach((param, value) -> admin.auth().queryParam(param, value).when().get("/users")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem(param)));
        for (String limit : List.of("101", "-1", "abc", "1e3", "007x")) {
            admin.auth().queryParam("limit", limit).when().get("/users")
                    .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("limit"));
        }
        admin.auth().queryParam("name", "x".repeat(51)).when().get("/users").then().statusCode(400);
        admin.auth().queryParam("name", "nul\u0000").when().get("/users").then().statusCode(400).contentType(PROBLEM_JSON);
        admin.auth().queryParam("email", "a\u0007@b.c").when().get("/users").then().statusCode(400).contentType(PROBLEM_JSON);
    }
}
