package com.ecommerce.users.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Simultaneously;
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
        List<Response> responses = Simultaneously.run(UPDATES, i -> account.auth().contentType(UserApi.MERGE_PATCH)
                .header("If-Match", "\"" + version + "\"").body("{\"name\": \"Writer " + i + "\"}")
                .patch("/users/" + account.id()));
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

    @Test
    void simultaneousUnconditionalPatchesAllApplyInTurn() throws Exception {
        Account account = UserApi.newAccount("Counter");
        TestDatabase db = new TestDatabase(dataSource);
        long version = ((Number) db.user(account.id()).get("version")).longValue();
        List<Integer> statuses = Simultaneously.run(UPDATES, i -> account.auth().contentType(UserApi.MERGE_PATCH)
                .body("{\"name\": \"Turn " + i + "\"}").patch("/users/" + account.id()).statusCode());
        assertThat(statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .containsOnly(Map.entry(200, (long) UPDATES));
        // no lost update: every write bumped the version once
        assertThat(((Number) db.user(account.id()).get("version")).longValue()).isEqualTo(version + UPDATES);
    }
}
