package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.registerNew;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
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
                .body("createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")))
                .body("$", not(hasKey("role")))
                .extract().response();
        int id = created.path("id");
        assertThat(created.header("Location")).isEqualTo("/users/" + id);
        assertThat(created.<String> path("updatedAt")).isEqualTo(created.path("createdAt"));
        assertThat(created.asString()).doesNotContain("$argon2").doesNotContain(PASSWORD);

        given().when().get("/users/" + id)
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
        register("", "not-an-email", "short")
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
        register("😀".repeat(50), uniqueEmail(), "p".repeat(8)).statusCode(201);
        String local = UUID.randomUUID().toString().replace("-", "") + "a".repeat(32); // 64, the most @Email allows
        String email255 = local + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";
        assertThat(email255).hasSize(255);
        register("N", email255, "p".repeat(1024)).statusCode(201);
    }

    @Test
    void unknownPropertiesAreRejectedSoIdAndRoleCannotBeAssigned() {
        for (String extra : List.of("\"id\": 1", "\"role\": \"admin\"", "\"version\": 7", "\"passwordHash\": \"x\"")) {
            given().contentType(ContentType.JSON)
                    .body("{\"name\": \"Eve\", \"email\": \"%s\", \"password\": \"%s\", %s}".formatted(uniqueEmail(), PASSWORD, extra))
                    .when().post("/users")
                    .then().statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("errors[0].message", equalTo("unknown property"));
        }
    }

    @Test
    void getOfAMissingOrMalformedIdIsA404Problem() {
        for (String id : List.of("2147483647", "0", "-1", "abc", "99999999999999999999", "1.5")) {
            given().when().get("/users/" + id)
                    .then().statusCode(404)
                    .contentType(PROBLEM_JSON)
                    .body("status", equalTo(404))
                    .body("title", equalTo("Not Found"));
        }
    }

    @Test
    void patchChangesOnlyWhatIsPresentAndBumpsTheVersion() {
        String email = uniqueEmail();
        int id = register("Grace", email, PASSWORD).statusCode(201).extract().path("id");
        String createdAt = given().get("/users/" + id).path("createdAt");

        given().contentType(MERGE_PATCH).body("{\"name\": \"Grace Hopper\"}")
                .when().patch("/users/" + id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo("Grace Hopper"))
                .body("email", equalTo(email))
                .body("createdAt", equalTo(createdAt))
                .body("updatedAt", not(equalTo(createdAt)));

        String newEmail = uniqueEmail();
        given().contentType(MERGE_PATCH).body("{\"email\": \"%s\", \"password\": \"another password\"}".formatted(newEmail))
                .when().patch("/users/" + id)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("email", equalTo(newEmail))
                .body("name", equalTo("Grace Hopper"));
    }

    @Test
    void patchWithIfMatchAppliesOnlyToThatVersion() {
        int id = registerNew("Linus");

        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"name\": \"Linus T\"}")
                .when().patch("/users/" + id)
                .then().statusCode(200).header("ETag", "\"1\"");

        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"name\": \"Stale\"}")
                .when().patch("/users/" + id)
                .then().statusCode(412)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:version-mismatch"));
        given().contentType(MERGE_PATCH).header("If-Match", "W/\"1\"").body("{\"name\": \"Weak\"}")
                .when().patch("/users/" + id)
                .then().statusCode(412);
        given().get("/users/" + id).then().body("name", equalTo("Linus T")).header("ETag", "\"1\"");

        given().contentType(MERGE_PATCH).header("If-Match", "\"7\", \"1\"").body("{\"name\": \"Listed\"}")
                .when().patch("/users/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");
        given().contentType(MERGE_PATCH).header("If-Match", "*").body("{\"name\": \"Any\"}")
                .when().patch("/users/" + id)
                .then().statusCode(200).header("ETag", "\"3\"");
        given().contentType(MERGE_PATCH).header("If-Match", "garbage").body("{\"name\": \"Bad\"}")
                .when().patch("/users/" + id)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("If-Match"));
    }

    @Test
    void patchRejectsNullsUnknownPropertiesDuplicatesAndTheWrongContentType() {
        String taken = uniqueEmail();
        register("Taken", taken, PASSWORD).statusCode(201);
        int id = registerNew("Patchy");

        given().contentType(MERGE_PATCH).body("{\"name\": null}").when().patch("/users/" + id)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("name")).body("errors[0].message", equalTo("must not be null"));
        given().contentType(MERGE_PATCH).body("{\"role\": \"admin\"}").when().patch("/users/" + id)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("role"));
        given().contentType(MERGE_PATCH).body("{\"email\": \"%s\"}".formatted(taken.toUpperCase())).when().patch("/users/" + id)
                .then().statusCode(409).contentType(PROBLEM_JSON);
        given().contentType(MERGE_PATCH).body("{\"password\": \"short\"}").when().patch("/users/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("password"));
        given().contentType(ContentType.JSON).body("{\"name\": \"Json\"}").when().patch("/users/" + id)
                .then().statusCode(415).contentType(PROBLEM_JSON);
        given().contentType(MERGE_PATCH).body("{\"name\": \"Ghost\"}").when().patch("/users/2147483647")
                .then().statusCode(404).contentType(PROBLEM_JSON);

        given().get("/users/" + id).then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo("Patchy"));
    }

    @Test
    void deleteRemovesTheAccount() {
        int id = registerNew("Short-lived");

        given().header("If-Match", "\"5\"").when().delete("/users/" + id).then().statusCode(412).contentType(PROBLEM_JSON);
        given().when().delete("/users/" + id).then().statusCode(204);
        given().when().get("/users/" + id).then().statusCode(404).contentType(PROBLEM_JSON);
        given().when().delete("/users/" + id).then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void listsPagesInIdOrderWithACursor() {
        String tag = "Page" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(registerNew(tag + " member " + i));
        }

        List<Integer> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        do {
            Response page = given().queryParam("limit", 2).queryParam("name", tag.toLowerCase()).queryParam("after", after)
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
        String email = uniqueEmail();
        int id = register("Filtered", email, PASSWORD).statusCode(201).extract().path("id");

        given().queryParam("email", email.toUpperCase()).when().get("/users")
                .then().statusCode(200)
                .body("items.id", containsInAnyOrder(id))
                .body("next", nullValue());
        given().queryParam("name", "%").queryParam("email", email).when().get("/users")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void listDefaultsToTwentyAndRejectsBadParameters() {
        for (int i = 0; i < 21; i++) {
            registerNew("Filler " + i);
        }
        given().when().get("/users").then().statusCode(200)
                .body("items.size()", equalTo(20))
                .body("next", notNullValue());

        Map<String, String> bad = Map.of("limit", "0", "after", "not-a-cursor");
        bad.forEach((param, value) -> given().queryParam(param, value).when().get("/users")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem(param)));
        for (String limit : List.of("101", "-1", "abc", "1e3", "007x")) {
            given().queryParam("limit", limit).when().get("/users")
                    .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("limit"));
        }
        given().queryParam("name", "x".repeat(51)).when().get("/users").then().statusCode(400);
        given().queryParam("name", "nul\u0000").when().get("/users").then().statusCode(400).contentType(PROBLEM_JSON);
        given().queryParam("email", "a\u0007@b.c").when().get("/users").then().statusCode(400).contentType(PROBLEM_JSON);
    }
}
