package com.ecommerce.users.platform.http;

import static com.ecommerce.users.support.HttpInputs.assertProblem;
import static com.ecommerce.users.support.HttpInputs.headerText;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.HttpInputs;
import com.ecommerce.users.support.RandomInputs;
import com.ecommerce.users.support.RawHttp;

import io.quarkus.test.junit.QuarkusTest;

/**
 * X-Forwarded-For of a login, from generated values (the test profile trusts one proxy hop, so the right-most entry
 * names the client): an IP address there is a plain failed login (401), anything else the 400 problem naming the
 * header, never a 5xx. Fixed seed.
 */
@QuarkusTest
class ForwardedForPropertyTests {

    private static final String[] ADDRESSES = { "203.0.113.9", "::1", "[2001:db8::1]", "2001:db8:0:0:1::1",
            "::ffff:198.51.100.3", "0.0.0.0", "255.255.255.255" };
    private static final String[] NOT_ADDRESSES = { "", " ", "unknown", "203.0.113.9:443", "256.1.1.1", "1.2.3",
            "[2001:db8::1", "2001:db8::1]:80", "example.com", "\u0661.\u0662.\u0663.\u0664", "1.2.3.4/24", "\"1.2.3.4\"",
            "for=1.2.3.4", "-1.2.3.4", "+1.2.3.4", "1.2.3.4 5.6.7.8" };

    @Test
    void aRightMostAddressIsAFailedLoginAnythingElseABadRequest() {
        RandomInputs inputs = new RandomInputs(91);
        for (String address : ADDRESSES) {
            String left = inputs.numberLike(inputs.between(1, 40));
            assertProblem(login(address), 401, address);
            assertProblem(login(headerText(left) + ", " + address), 401, left + ", " + address);
            assertProblem(login(" " + address + "\t"), 401, address);
        }
        for (String garbage : NOT_ADDRESSES) {
            assertProblem(login("203.0.113.9, " + garbage), 400, garbage);
        }
    }

    @Test
    void generatedValuesAreAFailedLoginOrABadRequest() {
        RandomInputs inputs = new RandomInputs(92);
        List<String> values = new ArrayList<>();
        for (int length = 1; length <= 40; length++) {
            values.add(inputs.numberLike(length));
            values.add(inputs.numberLike(length) + "." + inputs.numberLike(2) + "." + inputs.numberLike(2) + "." + inputs.numberLike(3));
            values.add(headerText(inputs.text(length)));
        }
        values.add(",".repeat(300));
        values.add("1.2.3.4,".repeat(250) + "1.2.3.4");
        values.add("1".repeat(3000));
        for (String value : values) {
            RawHttp.Response response = login(value);
            assertThat(response.status()).as("X-Forwarded-For: " + value).isIn(400, 401);
            assertProblem(response, response.status(), value);
        }
    }

    private static RawHttp.Response login(String forwardedFor) {
        String body = "{\"email\": \"%s\", \"password\": \"a wrong guess\"}".formatted(uniqueEmail());
        return HttpInputs.send("POST", "/auth/login", null, List.of(new RawHttp.Header("X-Forwarded-For", forwardedFor)),
                "application/json", body);
    }

}
