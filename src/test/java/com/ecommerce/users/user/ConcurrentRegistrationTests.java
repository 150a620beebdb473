package com.ecommerce.users.user;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.TestDatabase;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ConcurrentRegistrationTests {

    private static final int REGISTRATIONS = 50;

    @Inject
    DataSource dataSource;

    @Test
    void simultaneousRegistrationsOfOneEmailInAnyCaseCreateExactlyOneAccount() throws Exception {
        String local = "race-" + UUID.randomUUID();
        List<Response> responses = Simultaneously.run(REGISTRATIONS, i -> given().contentType(ContentType.JSON)
                .body(json("Racer", caseVariant(local + "@Example.com", i), PASSWORD)).post("/users"));
        List<Integer> results = responses.stream().map(Response::statusCode).toList();
        List<String> unexpected = responses.stream().filter(r -> r.statusCode() != 201 && r.statusCode() != 409)
                .map(Response::asString).toList();
        Map<Integer, Long> byStatus = results.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(byStatus).as("unexpected answers: %s", unexpected).containsOnly(Map.entry(201, 1L), Map.entry(409, (long) REGISTRATIONS - 1));
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
