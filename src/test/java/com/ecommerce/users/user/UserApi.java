package com.ecommerce.users.user;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Test helpers for the user API: unique emails, so tests share one database without stepping on each other, and
 * accounts with their tokens.
 */
public final class UserApi {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String PASSWORD = "plum kettle orbit lantern";
    /**
     * users.bootstrap-admin.email and .password of the test profile and of the integration tests' application: start-up
     * creates this admin.
     */
    public static final String ADMIN_EMAIL = "admin@user-service.test";
    public static final String ADMIN_PASSWORD = "admin password for tests";

    private UserApi() {
    }

    /** A registered account, logged in. */
    public record Account(int id, String email, String password, String token) {

        public RequestSpecification auth() {
            return given().auth().oauth2(token);
        }
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

    public static ValidatableResponse login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\": %s, \"password\": %s}".formatted(quote(email), quote(password)))
                .when().post("/auth/login")
                .then();
    }

    public static String token(String email, String password) {
        return login(email, password).statusCode(200).extract().path("access_token");
    }

    /** A fresh account with the user role. */
    public static Account newAccount(String name) {
        String email = uniqueEmail();
        int id = register(name, email, PASSWORD).statusCode(201).extract().path("id");
        return new Account(id, email, PASSWORD, token(email, PASSWORD));
    }

    /** The bootstrap admin, which start-up created. */
    public static Account admin() {
        String token = token(ADMIN_EMAIL, ADMIN_PASSWORD);
        int id = given().auth().oauth2(token).get("/users/me").then().statusCode(200).extract().path("id");
        return new Account(id, ADMIN_EMAIL, ADMIN_PASSWORD, token);
    }

    static String quote(String value) {
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
