package com.ecommerce.users.platform.http;

import static com.ecommerce.users.support.HttpInputs.assertProblem;
import static com.ecommerce.users.support.HttpInputs.percentEncoded;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.HttpInputs;
import com.ecommerce.users.support.RandomInputs;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The form login (application/x-www-form-urlencoded) with a malformed percent escape anywhere in the body: the 400
 * problem, never a 5xx; checked before Quarkus REST decodes the form (http.StrictFormBodies). Fixed seed.
 */
@QuarkusTest
class FormBodyPropertyTests {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final String[] MALFORMED = { "%", "%Z", "%ZZ", "%G1", "%1", "%%", "%1G", "% 1", "%\u00e9", "%-1", "%+1" };

    @Test
    void aMalformedEscapeInTheUsernameIsABadRequest() {
        RestAssured.given().contentType(FORM).body("username=%ZZ&password=x")
                .when().post("/auth/login")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", equalTo("The form body is not valid percent-encoding"));
    }

    @Test
    void aMalformedEscapeAnywhereIsABadRequest() {
        RandomInputs inputs = new RandomInputs(81);
        for (int i = 0; i < 150; i++) {
            String body = "grant_type=password&username=" + percentEncoded(inputs.text(30)) + "&password="
                    + percentEncoded(inputs.text(30));
            int at = inputs.between(0, body.length());
            String malformed = body.substring(0, at) + inputs.oneOf(MALFORMED) + body.substring(at);
            if (!BAD_ESCAPE.matcher(malformed).find()) {
                continue; // "%1" inserted before an "a" is a well-formed escape
            }
            assertProblem(HttpInputs.send("POST", "/auth/login", null, List.of(), FORM, malformed), 400, malformed);
        }
    }
}
