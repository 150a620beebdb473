package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.ecommerce.users.support.MarkdownBlocks;
import com.ecommerce.users.support.MarkdownBlocks.Block;
import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.restassured.response.ValidatableResponse;

/**
 * A deployment always keeps an admin: the last one can neither delete nor demote itself (409 last-admin), whichever
 * way it asks, and two admins removing each other at the same moment leave one of them. Each test makes its own
 * admins the only ones, demoting the others (the bootstrap admin included) in SQL until it ends.
 */
@QuarkusTest
class LastAdminTests {

    private static final String LAST_ADMIN = "urn:problem:user-service:last-admin";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() { };

    @Inject
    DataSource dataSource;

    @Test
    void theLastAdminCannotDeleteItself() {
        Account last = promoted("Last admin");
        try (OnlyAdmins admins = onlyAdmins(last)) {
            Map<String, Object> problem = refused(last.auth().delete("/users/me").then()).extract().as(MAP);
            assertThat(problem).as("the problem docs/api.md shows").isEqualTo(documentedProblem());
            refused(last.auth().delete("/users/" + last.id()).then());

            assertThat(db().user(last.id())).containsEntry("role", "admin");
            last.auth().get("/users?limit=1").then().statusCode(200);
        }
    }

    @Test
    void theLastAdminCannotDemoteItself() {
        Account last = promoted("Last admin");
        try (OnlyAdmins admins = onlyAdmins(last)) {
            refused(last.auth().contentType(MERGE_PATCH).body("{\"role\": \"user\"}").patch("/users/me").then());
            refused(last.auth().contentType(MERGE_PATCH).body("{\"name\": \"Still admin\", \"role\": \"user\"}")
                    .patch("/users/" + last.id()).then());

            assertThat(db().user(last.id())).containsEntry("role", "admin").doesNotContainEntry("name", "Still admin");
            // what leaves the role as it is stays allowed
            last.auth().contentType(MERGE_PATCH).body("{\"name\": \"Sole admin\", \"role\": \"admin\"}")
                    .patch("/users/me").then().statusCode(200).body("role", equalTo("admin"));
        }
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledAndADisabledAdminIsNoOtherAdmin() {
        Account first = promoted("Disabling admin");
        Account second = promoted("Disabled admin");
        try (OnlyAdmins admins = onlyAdmins(first, second)) {
            first.auth().contentType(MERGE_PATCH).body("{\"disabled\": true}").patch("/users/" + second.id())
                    .then().statusCode(200).body("disabled", equalTo(true));

            refused(first.auth().contentType(MERGE_PATCH).body("{\"disabled\": true}").patch("/users/me").then());
            refused(first.auth().contentType(MERGE_PATCH).body("{\"role\": \"user\"}").patch("/users/me").then());
            refused(first.auth().delete("/users/me").then());
            assertThat(db().row("SELECT disabled_at FROM users WHERE id = ?", first.id()).get("disabled_at")).isNull();

            first.auth().contentType(MERGE_PATCH).body("{\"disabled\": false}").patch("/users/" + second.id())
                    .then().statusCode(200).body("disabled", equalTo(false));
            first.auth().contentType(MERGE_PATCH).body("{\"disabled\": true}").patch("/users/me")
                    .then().statusCode(200).body("disabled", equalTo(true));
            db().execute("UPDATE users SET disabled_at = NULL WHERE id = ?", first.id());
        }
    }

    @Test
    void anAdminGoesWhileAnotherRemains() {
        Account first = promoted("First admin");
        Account second = promoted("Second admin");
        Account third = promoted("Third admin");
        try (OnlyAdmins admins = onlyAdmins(first, second, third)) {
            first.auth().contentType(MERGE_PATCH).body("{\"role\": \"user\"}").patch("/users/" + second.id())
                    .then().statusCode(200).body("role", equalTo("user"));
            third.auth().delete("/users/me").then().statusCode(204);

            refused(first.auth().delete("/users/me").then());
            assertThat(adminIds()).containsExactly(first.id());
        }
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOne() throws Exception {
        Account a = promoted("Demoter A");
        Account b = promoted("Demoter B");
        try (OnlyAdmins admins = onlyAdmins(a, b)) {
            List<Integer> statuses = heldAtTheWrite(i -> {
                Account caller = i == 0 ? a : b;
                Account other = i == 0 ? b : a;
                return caller.auth().contentType(MERGE_PATCH).body("{\"role\": \"user\"}").patch("/users/" + other.id())
                        .statusCode();
            });

            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            assertThat(adminIds()).hasSize(1).containsAnyOf(a.id(), b.id());
        }
    }

    @Test
    void twoAdminsDeletingEachOtherAtOnceLeaveOne() throws Exception {
        Account a = promoted("Deleter A");
        Account b = promoted("Deleter B");
        try (OnlyAdmins admins = onlyAdmins(a, b)) {
            List<Integer> statuses = heldAtTheWrite(i -> {
                Account caller = i == 0 ? a : b;
                Account other = i == 0 ? b : a;
                return caller.auth().delete("/users/" + other.id()).statusCode();
            });

            assertThat(statuses).containsExactlyInAnyOrder(204, 409);
            assertThat(adminIds()).hasSize(1).containsAnyOf(a.id(), b.id());
        }
    }

    @Test
    void twoAdminsDeletingThemselvesAtOnceLeaveOne() throws Exception {
        Account a = promoted("Leaver A");
        Account b = promoted("Leaver B");
        try (OnlyAdmins admins = onlyAdmins(a, b)) {
            List<Integer> statuses = heldAtTheWrite(i -> (i == 0 ? a : b).auth().delete("/users/me").statusCode());

            assertThat(statuses).containsExactlyInAnyOrder(204, 409);
            assertThat(adminIds()).hasSize(1).containsAnyOf(a.id(), b.id());
        }
    }

    private static ValidatableResponse refused(ValidatableResponse response) {
        return response.statusCode(409).contentType(PROBLEM_JSON).body("type", equalTo(LAST_ADMIN));
    }

    /** docs/api.md's example of the last admin's problem, as a client reads it. */
    private static Map<String, Object> documentedProblem() {
        List<Block> json = MarkdownBlocks.of(Path.of("docs", "api.md")).stream().filter(block -> block.language().equals("json")
                && block.text().contains(LAST_ADMIN)).toList();
        assertThat(json).hasSize(1);
        try {
            return new ObjectMapper().readValue(json.getFirst().text(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new AssertionError("docs/api.md's JSON example does not parse", e);
        }
    }

    /**
     * Runs two requests at once while this test holds the users table in SHARE mode: each request can read and lock its
     * row, but its UPDATE or DELETE waits. Only once both wait on a lock is the table released, so both were under way
     * together, whatever the scheduling: without a lock around the count of admins, both would count two and both
     * succeed.
     */
    private List<Integer> heldAtTheWrite(IntFunction<Integer> request) throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE users IN SHARE MODE");
            }
            CompletableFuture<List<Integer>> statuses = CompletableFuture.supplyAsync(() -> {
                try {
                    return Simultaneously.run(2, request);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                await("both requests waiting on a lock").atMost(WAIT).until(() -> db().count("SELECT count(*) "
                        + "FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") >= 2);
            } finally {
                lock.rollback();
            }
            return statuses.get();
        }
    }

    /** A fresh account the bootstrap admin promoted. */
    private static Account promoted(String name) {
        Account account = newAccount(name);
        admin().auth().contentType(MERGE_PATCH).body("{\"role\": \"admin\"}").patch("/users/" + account.id())
                .then().statusCode(200);
        return account;
    }

    /**
     * Demotes every admin but {@code admins} in SQL; closing promotes them again, demotes {@code admins}, and waits
     * until the bootstrap admin is one again for the service (which learns of SQL changes by notification).
     */
    private OnlyAdmins onlyAdmins(Account... admins) {
        Account bootstrap = admin();
        List<Integer> kept = new ArrayList<>();
        for (Account admin : admins) {
            kept.add(admin.id());
        }
        List<Integer> demoted = new ArrayList<>();
        for (Integer id : adminIds()) {
            if (!kept.contains(id)) {
                demoted.add(id);
                db().execute("UPDATE users SET role = 'user' WHERE id = ?", id);
            }
        }
        return () -> {
            demoted.forEach(id -> db().execute("UPDATE users SET role = 'admin' WHERE id = ?", id));
            kept.forEach(id -> db().execute("UPDATE users SET role = 'user' WHERE id = ?", id));
            await("the bootstrap admin back").atMost(WAIT)
                    .until(() -> bootstrap.auth().get("/users?limit=1").statusCode() == 200);
        };
    }

    private interface OnlyAdmins extends AutoCloseable {
        @Override
        void close();
    }

    private List<Integer> adminIds() {
        return db().rows("SELECT id FROM users WHERE role = 'admin' ORDER BY id").stream()
                .map(row -> (Integer) row.get("id")).toList();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
