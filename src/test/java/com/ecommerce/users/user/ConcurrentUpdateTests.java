package com.ecommerce.users.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Simultaneous conditional updates of one account: optimistic locking lets exactly one through. */
@QuarkusTest
class ConcurrentUpdateTests {

    private static final int UPDATES = 30;

    @Inject
    DataSource dataSource;

    @Test
    void simultaneousPatchesWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        Account account = UserApi.newAccount("Before");
        TestDatabase db = new TestDatabase(dataSource);
        long version = ((Number) db.user(account.id()).get("version")).longValue();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(UPDATES)) {
            for (int i = 0; i < UPDATES; i++) {
                String name = "Writer " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return account.auth().contentType(UserApi.MERGE_PATCH)
                            .header("If-Match", "\"" + version + "\"").body("{\"name\": \"" + name + "\"}")
                            .patch("/users/" + account.id());
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            Map<Integer, Long> byStatus = responses.stream()
                    .collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
            assertThat(byStatus).as("statuses").containsOnly(Map.entry(200, 1L), Map.entry(412, (long) UPDATES - 1));

            Response winner = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            Map<String, Object> row = db.user(account.id());
            // the database holds exactly the winner's write, one version later
            assertThat(row.get("name")).isEqualTo(winner.jsonPath().getString("name"));
            assertThat(((Number) row.get("version")).longValue()).isEqualTo(version + 1);
            assertThat(winner.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");
            assertThat(responses.stream().filter(r -> r.statusCode() == 412))
                    .allSatisfy(r -> assertThat(r.contentType()).startsWith(UserApi.PROBLEM_JSON));
        }
    }

    @Test
    void simultaneousUnconditionalPatchesAllApplyInTurn() throws Exception {
        Account account = UserApi.newAccount("Counter");
        TestDatabase db = new TestDatabase(dataSource);
        long version = ((Number) db.user(account.id()).get("version")).longValue();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(UPDATES)) {
            for (int i = 0; i < UPDATES; i++) {
                String name = "Turn " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return account.auth().contentType(UserApi.MERGE_PATCH).body("{\"name\": \"" + name + "\"}")
                            .patch("/users/" + account.id()).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                    .containsOnly(Map.entry(200, (long) UPDATES));
        }
        // no lost update: every write bumped the version once
        assertThat(((Number) db.user(account.id()).get("version")).longValue()).isEqualTo(version + UPDATES);
    }
}
