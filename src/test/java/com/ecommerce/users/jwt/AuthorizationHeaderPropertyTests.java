package com.ecommerce.users.jwt;

import static com.ecommerce.users.support.HttpInputs.assertProblem;
import static com.ecommerce.users.support.HttpInputs.headerText;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.HttpInputs;
import com.ecommerce.users.support.RandomInputs;
import com.ecommerce.users.support.RawHttp;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Authorization header of GET /users/me, from generated values: anything but a valid bearer token is the 401
 * problem with its challenge, never a 5xx. Values stay below the 16 KiB header limit, past which the HTTP server
 * answers 431 itself. Fixed seeds.
 */
@QuarkusTest
class AuthorizationHeaderPropertyTests {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void generatedCredentialsAreUnauthorized() {
        RandomInputs inputs = new RandomInputs(71);
        List<String> values = new ArrayList<>();
        for (int length = 1; length <= 40; length++) {
            String number = inputs.numberLike(length);
            values.add("Bearer " + number);
            values.add(number);
            values.add("Bearer " + headerText(inputs.text(length)));
        }
        for (int i = 0; i < 60; i++) {
            String token = segment(inputs) + "." + segment(inputs) + "." + segment(inputs);
            values.add(inputs.oneOf(new String[] { "Bearer ", "bearer ", "BEARER ", "Bearer  ", "Bearer\t", "Basic ", "" })
                    + token + inputs.oneOf(new String[] { "", "", ".", "..", ",", " x", "\u00a0" }));
        }
        values.addAll(List.of("", "Bearer", "Bearer ", "Bearer \"\"", "Bearer ...", "Bearer a.b", "Bearer a.b.c.d.e",
                "Bearer =", "Bearer \u00e9\u00e9.\u00e9.\u00e9", "Bearer \u0661\u0662.\u0663.\u0664", "Bearer " + "a".repeat(12_000),
                "Bearer " + "a.".repeat(6000), "Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer eyJ9.eyJ9.eyJ9",
                "Bearer " + "W3".repeat(5000) + ".e30.x", "Negotiate abc", "Bearer x, Bearer y"));
        for (String value : values) {
            RawHttp.Response response = HttpInputs.send("GET", "/users/me", null,
                    List.of(new RawHttp.Header("Authorization", value)), null, null);
            assertProblem(response, 401, "Authorization: " + abbreviate(value));
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"user-service\"");
        }
    }

    @Test
    void aValidTokenWithOneCharacterChangedIsUnauthorized() {
        Account account = newAccount("Token Mangled");
        RandomInputs inputs = new RandomInputs(72);
        String token = account.token();
        for (int i = 0; i < 60; i++) {
            // never the last character: its unused low bits may decode to the same signature
            int at = inputs.between(0, token.length() - 2);
            char replacement = inputs.chance(3) ? inputs.anyChar() : BASE64URL.charAt(inputs.between(0, 63));
            if (replacement == token.charAt(at) || headerText(String.valueOf(replacement)).isEmpty()) {
                continue;
            }
            String mangled = token.substring(0, at) + replacement + token.substring(at + 1);
            RawHttp.Response response = HttpInputs.send("GET", "/users/me", mangled.strip(), List.of(), null, null);
            assertProblem(response, 401, "token with [" + replacement + "] at " + at);
        }
        assertThat(HttpInputs.send("GET", "/users/me", token, List.of(), null, null).status()).isEqualTo(200);
    }

    private static String segment(RandomInputs inputs) {
        if (inputs.chance(4)) {
            return headerText(inputs.text(20));
        }
        StringBuilder segment = new StringBuilder();
        int length = inputs.between(0, 200);
        for (int i = 0; i < length; i++) {
            segment.append(BASE64URL.charAt(inputs.between(0, 63)));
        }
        return segment.toString();
    }

    /** Without the control characters the HTTP server refuses in any header before the application sees it. */

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "… (" + value.length() + " characters)" : value;
    }
}
