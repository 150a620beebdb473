package com.ecommerce.users.platform.problem;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Whatever goes wrong, the client gets a 4xx problem+json without internals. */
@QuarkusTest
class ErrorResponseTests {

    @Test
    void unknownRouteIsA404Problem() {
        problem(given().when().get("/no/such/route"), 404).body("instance", equalTo("/no/such/route"));
    }

    @Test
    void wrongMethodIsA405Problem() {
        problem(given().contentType(ContentType.JSON).body("{}").when().put("/users/1"), 405);
        problem(given().when().post("/users/1"), 405);
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        problem(given().contentType(ContentType.TEXT).body("name=x").when().post("/users"), 415);
        problem(given().contentType(ContentType.URLENC).formParam("name", "x").when().post("/users"), 415);
    }

    @Test
    void unacceptableAcceptIsA406() {
        given().accept(ContentType.XML).when().get("/users/1").then().statusCode(406);
    }

    @Test
    void bodyOverTheLimitIsA413ProblemBeforeItIsRead() {
        String huge = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}";
        problem(given().contentType(ContentType.JSON).body(huge).when().post("/users"), 413);
    }

    @Test
    void malformedJsonIsA400Problem() {
        for (String body : List.of("{\"name\":", "not json", "{\"name\": \"a\", \"name\": \"b\", \"email\": \"x@y.z\", \"password\": \"12345678\"}",
                "{} trailing", "[]", "\"string\"", "{\"name\": \"a\" \"email\": 1}")) {
            problem(given().contentType(ContentType.JSON).body(body).when().post("/users"), 400);
        }
    }

    @Test
    void wrongTypesAreA400ProblemNamingTheField() {
        String email = uniqueEmail();
        for (String body : List.of(
                "{\"name\": 123, \"email\": \"%s\", \"password\": \"%s\"}",
                "{\"name\": true, \"email\": \"%s\", \"password\": \"%s\"}",
                "{\"name\": [\"a\"], \"email\": \"%s\", \"password\": \"%s\"}",
                "{\"name\": {\"first\": \"a\"}, \"email\": \"%s\", \"password\": \"%s\"}")) {
            problem(given().contentType(ContentType.JSON).body(body.formatted(email, PASSWORD)).when().post("/users"), 400)
                    .body("errors[0].field", equalTo("name"));
        }
        com.ecommerce.users.user.UserApi.admin().auth().queryParam("email", email).get("/users")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void passwordsNeverEchoBackInErrors() {
        String secret = "Sup3r-Secret-Passw0rd";
        Response response = given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"email\": \"bad\", \"password\": {\"v\": \"" + secret + "\"}}")
                .when().post("/users");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.asString()).doesNotContain(secret);
    }

    private static io.restassured.response.ValidatableResponse problem(Response response, int status) {
        String body = response.asString();
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("insert into");
        return response.then().statusCode(status).contentType(PROBLEM_JSON).body("status", equalTo(status));
    }
}
