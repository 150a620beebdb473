package com.ecommerce.users.user;

import static com.ecommerce.users.support.HttpInputs.assertProblem;
import static com.ecommerce.users.support.HttpInputs.percentEncoded;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.HttpInputs;
import com.ecommerce.users.support.RandomInputs;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The {@code {id}} of GET, PATCH and DELETE /users/{id}, from generated values: anything but the canonical decimal
 * form of an account the caller may reach is the 404 problem, never a 5xx. The caller's own id in disguise ("+7",
 * "007", Arabic-Indic or fullwidth digits, whitespace around it) too: a lenient parser would answer 200 there (and
 * change or delete the account). Every value is sent percent-encoded, as a client would. Fixed seeds.
 */
@QuarkusTest
class AccountIdPropertyTests {

    @Test
    void generatedIdsAreNotFound() {
        Account caller = newAccount("Id Prober");
        RandomInputs inputs = new RandomInputs(51);
        int sent = 0;
        for (int length = 1; length <= 40; length++) {
            for (int i = 0; i < 3; i++) {
                String id = inputs.numberLike(length);
                if (!id.equals(Integer.toString(caller.id()))) {
                    sent += checkAll(caller, id);
                }
            }
        }
        for (String odd : List.of("0", "-0", "+0", "00", " ", "\u00a0", "\"1\"", "1,2", "W/1", "2147483647", "2147483648",
                "-2147483648", "4294967297", "9".repeat(400), "1".repeat(1000))) {
            sent += checkAll(caller, odd);
        }
        assertThat(sent).isGreaterThan(300);
    }

    @Test
    void theCallersOwnIdInDisguiseIsNotFound() {
        Account caller = newAccount("Id Disguise");
        RandomInputs inputs = new RandomInputs(52);
        for (int i = 0; i < 60; i++) {
            checkAll(caller, inputs.disguised(caller.id()));
        }
        assertThat(HttpInputs.send("GET", "/users/" + caller.id(), caller.token(), List.of(), null, null).status())
                .as("the canonical id still reaches the account").isEqualTo(200);
    }

    private static int checkAll(Account caller, String id) {
        String target = "/users/" + percentEncoded(id);
        assertProblem(HttpInputs.send("GET", target, caller.token(), List.of(), null, null), 404, "GET " + id);
        assertProblem(HttpInputs.send("PATCH", target, caller.token(), List.of(), MERGE_PATCH, "{\"name\": \"Renamed\"}"),
                404, "PATCH " + id);
        assertProblem(HttpInputs.send("DELETE", target, caller.token(), List.of(), null, null), 404, "DELETE " + id);
        return 3;
    }
}
