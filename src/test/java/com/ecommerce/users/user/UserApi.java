package com.ecommerce.users.user;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Test helpers for the user API: unique emails, so tests share one database without stepping on each other. */
public final class UserApi {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String PASSWORD = "correct horse battery staple";

    private UserApi() {
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public static String json(String name, String email, String password) {
        return """
                {"name": %s, "email": %s, "password": %s}""".formatted(quote(name), quote(email), quote(password));
    }

    public static ValidatableResponse register(String name, String email, String password) {
        return given().contentType(ContentType.JSON).body(json(name, email, password))
                .when().post("/users")
                .then();
    }

    /** Registers a fresh account and returns its id. */
    public static int registerNew(String name) {
        return register(name, uniqueEmail(), PASSWORD).statusCode(201).extract().path("id");
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
