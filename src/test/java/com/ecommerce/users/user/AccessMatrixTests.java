package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation, by every kind of caller: nobody, the account itself, another user, an admin. Each case acts on a
 * fresh target account, so that deletions and password changes do not leak into the next.
 */
@QuarkusTest
class AccessMatrixTests {

    enum Actor { ANONYMOUS, SELF, OTHER, ADMIN }

    /** An operation against the target account, sent with the actor's credentials. */
    record Operation(String name, BiFunction<RequestSpecification, Case, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What one case works with: the target, and the account acting (null when anonymous). */
    record Case(Account target, Account actor) {
    }

    private static final Map<String, int[]> EXPECTED = Map.ofEntries(
            // ANONYMOUS, SELF, OTHER, ADMIN
            Map.entry("register", new int[] { 201, 201, 201, 201 }),
            Map.entry("list", new int[] { 401, 403, 403, 200 }),
            Map.entry("get", new int[] { 401, 200, 404, 200 }),
            Map.entry("patch name", new int[] { 401, 200, 404, 200 }),
            Map.entry("patch role", new int[] { 401, 403, 404, 200 }),
            Map.entry("patch password", new int[] { 401, 403, 404, 200 }),
            Map.entry("delete", new int[] { 401, 204, 404, 204 }),
            Map.entry("get me", new int[] { 401, 200, 200, 200 }),
            Map.entry("patch me", new int[] { 401, 200, 200, 200 }),
            Map.entry("change own password", new int[] { 401, 204, 204, 204 }),
            Map.entry("delete me", new int[] { 401, 204, 204, 204 }),
            Map.entry("jwks", new int[] { 200, 200, 200, 200 }),
            Map.entry("login", new int[] { 200, 200, 200, 200 }));

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("register", (r, c) -> r.contentType(ContentType.JSON).body(json("New", uniqueEmail(), PASSWORD)).post("/users")),
            new Operation("list", (r, c) -> r.get("/users")),
            new Operation("get", (r, c) -> r.get("/users/" + c.target().id())),
            new Operation("patch name", (r, c) -> r.contentType(MERGE_PATCH).body("{\"name\": \"Renamed\"}").patch("/users/" + c.target().id())),
            new Operation("patch role", (r, c) -> r.contentType(MERGE_PATCH).body("{\"role\": \"admin\"}").patch("/users/" + c.target().id())),
            new Operation("patch password", (r, c) -> r.contentType(MERGE_PATCH).body("{\"password\": \"set by someone\"}").patch("/users/" + c.target().id())),
            new Operation("delete", (r, c) -> r.delete("/users/" + c.target().id())),
            new Operation("get me", (r, c) -> r.get("/users/me")),
            new Operation("patch me", (r, c) -> r.contentType(MERGE_PATCH).body("{\"name\": \"Me\"}").patch("/users/me")),
            new Operation("change own password", (r, c) -> r.contentType(ContentType.JSON)
                    .body("{\"currentPassword\": \"%s\", \"newPassword\": \"a new password\"}".formatted(PASSWORD)).put("/users/me/password")),
            new Operation("delete me", (r, c) -> r.delete("/users/me")),
            new Operation("jwks", (r, c) -> r.get("/.well-known/jwks.json")),
            new Operation("login", (r, c) -> r.contentType(ContentType.JSON)
                    .body("{\"email\": \"%s\", \"password\": \"%s\"}".formatted(
                            (c.actor() == null ? c.target() : c.actor()).email(), PASSWORD)).post("/auth/login")));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Operation operation : OPERATIONS) {
            for (Actor actor : Actor.values()) {
                cases.add(Arguments.of(operation, actor, EXPECTED.get(operation.name())[actor.ordinal()]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("cases")
    void onlyTheAccountItselfOrAnAdminReachesIt(Operation operation, Actor actor, int expected) {
        Account target = newAccount("Target");
        Account acting = switch (actor) {
            case ANONYMOUS -> null;
            case SELF -> target;
            case OTHER -> newAccount("Other");
            case ADMIN -> promoted(newAccount("Admin"));
        };
        RequestSpecification request = acting == null ? given() : acting.auth();

        Response response = operation.call().apply(request, new Case(target, acting));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        }
        if (expected == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"user-service\"");
        }
        if (expected == 404) {
            assertThat(response.asString()).as("a stranger learns nothing of the account").doesNotContain(target.email());
        }
    }

    /** A second admin, made by the bootstrap admin: its existing token gains the role at once. */
    private static Account promoted(Account account) {
        UserApi.admin().auth().contentType(MERGE_PATCH).body("{\"role\": \"admin\"}").patch("/users/" + account.id())
                .then().statusCode(200);
        return account;
    }
}
