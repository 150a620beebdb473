package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ConcurrentRegistrationTests {

    private static final int REGISTRATIONS = 50;

    @Inject
    DataSource dataSource;

    @Test
    void simultaneousRegistrationsOfOneEmailInAnyCaseCreateExactlyOneAccount() throws Exception {
        String local = "race-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<io.restassured.response.Response>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(REGISTRATIONS)) {
            for (int i = 0; i < REGISTRATIONS; i++) {
                String email = caseVariant(local + "@Example.com", i);
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(json("Racer", email, PASSWORD))
                            .post("/users");
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            List<String> unexpected = new ArrayList<>();
            for (Future<io.restassured.response.Response> status : statuses) {
                io.restassured.response.Response response = status.get();
                results.add(response.statusCode());
                if (response.statusCode() != 201 && response.statusCode() != 409) {
                    unexpected.add(response.asString());
                }
            }
            Map<Integer, Long> byStatus = results.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

            assertThat(byStatus).as("unexpected answers: %s", unexpected).containsOnly(Map.entry(201, 1L), Map.entry(409, (long) REGISTRATIONS - 1));
        }
        assertThat(new TestDatabase(dataSource).count("SELECT count(*) FROM users WHERE lower(email) = lower(?)",
                local + "@example.com")).isEqualTo(1);
    }

    /** The i-th of 2^n letter-case variants of an address. */
    private static String caseVariant(String email, int i) {
        StringBuilder out = new StringBuilder();
        int bit = 0;
        for (char c : email.toCharArray()) {
            if (Character.isLetter(c)) {
                out.append(((i >> (bit++ % 16)) & 1) == 1 ? Character.toUpperCase(c) : Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
