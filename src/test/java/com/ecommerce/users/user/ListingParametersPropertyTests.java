package com.ecommerce.users.user;

import static com.ecommerce.users.support.HttpInputs.assertProblem;
import static com.ecommerce.users.support.HttpInputs.percentEncoded;
import static com.ecommerce.users.user.UserApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.HttpInputs;
import com.ecommerce.users.support.RandomInputs;
import com.ecommerce.users.support.RawHttp;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code limit} and {@code after} of GET /users, from generated values: a page (200) for a limit of 1 to 100 in ASCII
 * digits and for a cursor the service could have issued, the 400 problem for anything else, never a 5xx. Fixed seeds.
 */
@QuarkusTest
class ListingParametersPropertyTests {

    @Test
    void generatedLimitsAreAPageOrABadRequest() {
        Account admin = admin();
        RandomInputs inputs = new RandomInputs(61);
        int pages = 0;
        for (int length = 1; length <= 40; length++) {
            for (int i = 0; i < 5; i++) {
                pages += check(admin, "limit", inputs.numberLike(length));
            }
        }
        for (String odd : List.of("", " ", "1", "100", "007", "0100", "101", "0", "+5", "-5", "5 ", "\u0665", "\uff15",
                "1".repeat(3000))) {
            pages += check(admin, "limit", odd);
        }
        assertThat(pages).as("valid limits among the values").isGreaterThanOrEqualTo(4);
    }

    @Test
    void generatedCursorsAreAPageOrABadRequest() {
        Account admin = admin();
        RandomInputs inputs = new RandomInputs(62);
        int pages = 0;
        for (int length = 1; length <= 40; length++) {
            for (int i = 0; i < 5; i++) {
                String number = inputs.numberLike(length);
                pages += check(admin, "after", number);
                pages += check(admin, "after", cursorOf("id:" + number)); // past the base64 layer
            }
        }
        for (String odd : List.of("", " ", cursorOf("id:1"), cursorOf("id:2147483647"), cursorOf("id:2147483648"),
                cursorOf("id:01"), cursorOf("id:+1"), cursorOf("id:\u0661"), cursorOf("id:1") + "=", "aWQ6MQ==",
                "a".repeat(3000))) {
            pages += check(admin, "after", odd);
        }
        assertThat(pages).as("valid cursors among the values").isGreaterThanOrEqualTo(3);
    }

    /** Sends {@code name=value}; returns 1 if it was a page, 0 if the 400 problem. */
    private static int check(Account admin, String name, String value) {
        RawHttp.Response response = HttpInputs.send("GET", "/users?" + name + "=" + percentEncoded(value), admin.token(),
                List.of(), null, null);
        boolean valid = name.equals("limit") ? isLimit(value) : isCursor(value);
        if (valid) {
            assertThat(response.status()).as("%s=[%s]: %s", name, value, response.text()).isEqualTo(200);
            return 1;
        }
        assertProblem(response, 400, name + "=" + value);
        return 0;
    }

    /** Empty (the default), or 1 to 100 in ASCII digits, leading zeros allowed. */
    private static boolean isLimit(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (!value.matches("[0-9]{1,3}")) {
            return false;
        }
        int limit = Integer.parseInt(value);
        return limit >= 1 && limit <= 100;
    }

    /** Empty (the first page), or exactly what the service issues for an id from 1 to Integer.MAX_VALUE. */
    private static boolean isCursor(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (!value.matches("[A-Za-z0-9_-]{1,32}") || value.length() % 4 == 1) {
            return false; // not base64url without padding
        }
        String content = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.ISO_8859_1);
        return content.matches("id:[1-9][0-9]{0,9}") && Long.parseLong(content.substring(3)) <= Integer.MAX_VALUE
                && value.equals(cursorOf(content));
    }

    private static String cursorOf(String content) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(content.getBytes(StandardCharsets.UTF_8));
    }
}
