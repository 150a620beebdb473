package com.ecommerce.users.user;

import static com.ecommerce.users.support.HttpInputs.asReceived;
import static com.ecommerce.users.support.HttpInputs.assertProblem;
import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.HttpInputs;
import com.ecommerce.users.support.RandomInputs;
import com.ecommerce.users.support.RawHttp;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;

/**
 * If-Match on PATCH and DELETE /users/{id}, from generated values: a well-formed list of entity tags (RFC 9110 8.8.3)
 * that names no version is a 412 problem, anything else a 400 problem, never a 5xx. The expected answer comes from
 * the grammar below, written independently of the service's parser; the account stays at version 0 throughout, and
 * values that would match it are left out (their answer is a change, not an error). Fixed seeds.
 */
@QuarkusTest
class IfMatchPropertyTests {

    /** The service's bounds: 16 tags of at most 64 characters, a header of at most 16 * 70 characters. */
    private static final int MAX_TAGS = 16;
    private static final int MAX_OPAQUE = 64;
    private static final int MAX_HEADER = MAX_TAGS * (MAX_OPAQUE + 6);
    private static final String ETAG = "(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"";
    /** {@code #entity-tag}: elements separated by commas, with optional whitespace, and empty elements ignored. */
    private static final Pattern LIST = Pattern.compile("[ \\t,]*" + ETAG + "(?:[ \\t]*,[ \\t,]*" + ETAG + ")*[ \\t,]*");
    private static final Pattern TAG = Pattern.compile(ETAG);

    @Test
    void aTagBeyondALongIsAPreconditionFailure() {
        Account account = newAccount("Nineteen Digits");
        for (String method : List.of("PATCH", "DELETE")) {
            RawHttp.Response response = send(method, account, "\"9999999999999999999\"");
            assertProblem(response, 412, method + " \"9999999999999999999\"");
        }
    }

    @Test
    void generatedTagsAreAPreconditionFailureOrABadRequest() {
        Account account = newAccount("Tag Target");
        RandomInputs inputs = new RandomInputs(41);
        int sent = 0;
        for (int length = 1; length <= 40; length++) {
            for (int i = 0; i < 4; i++) {
                sent += check(account, tags(inputs, inputs.numberLike(length)));
            }
        }
        for (String odd : List.of("", " ", "\t", ",", "\"", "\"\"", "W/", "W/\"\"", "w/\"1\"", "\"1\"\"", "\"1\" \"2\"",
                "\"1\";\"2\"", "\"\u00a0\"", "\u00a0\"1\"", "\"1\",\u00a0\"2\"", "\"a b\"", "\"a\tb\"", "\"a,b\"",
                "\"" + "1".repeat(64) + "\"", "\"" + "1".repeat(65) + "\"", "\"1\", ".repeat(16), "\"1\", ".repeat(17),
                "\"" + "9".repeat(5000) + "\"", "\"1\",".repeat(1000), "*, \"1\"", "**", "\"*\"")) {
            sent += check(account, odd);
        }
        assertThat(sent).isGreaterThan(300);
        UserApi.login(account.email(), account.password()).statusCode(200); // still there
    }

    /** One to three tags of {@code text}, in one of several shapes, well-formed or not. */
    private static String tags(RandomInputs inputs, String text) {
        List<String> tags = new ArrayList<>();
        int count = inputs.chance(4) ? inputs.between(2, 3) : 1;
        for (int i = 0; i < count; i++) {
            tags.add(switch (inputs.between(0, 4)) {
                case 0 -> text;
                case 1, 2 -> "\"" + text + "\"";
                case 3 -> "W/\"" + text + "\"";
                default -> "\"" + text;
            });
        }
        return String.join(inputs.oneOf(new String[] { ",", ", ", " ,\t", ",,", " " }), tags);
    }

    /** Sends {@code value} on PATCH and DELETE; returns the number of requests, 0 for a value that would match. */
    private static int check(Account account, String value) {
        Integer expected = expected(asReceived(value));
        if (expected == null) {
            return 0;
        }
        for (String method : List.of("PATCH", "DELETE")) {
            assertProblem(send(method, account, value), expected, method + " If-Match: " + value);
        }
        return 2;
    }

    /** 412 for a list of tags of which no strong one is "0", 400 for anything else; null if one is "0". */
    private static Integer expected(String received) {
        String value = received.replaceAll("^[ \\t]+|[ \\t]+$", ""); // as the HTTP server trims it
        if (value.length() > MAX_HEADER || !LIST.matcher(value).matches()) {
            return 400;
        }
        Matcher tag = TAG.matcher(value);
        int tags = 0;
        boolean matches = false;
        while (tag.find()) {
            tags++;
            if (tag.group(2).length() > MAX_OPAQUE) {
                return 400;
            }
            matches |= tag.group(1) == null && tag.group(2).equals("0");
        }
        if (tags > MAX_TAGS) {
            return 400;
        }
        return matches ? null : 412;
    }

    private static RawHttp.Response send(String method, Account account, String ifMatch) {
        List<RawHttp.Header> headers = List.of(new RawHttp.Header("If-Match", ifMatch));
        return method.equals("PATCH")
                ? HttpInputs.send("PATCH", "/users/" + account.id(), account.token(), headers, MERGE_PATCH, "{\"name\": \"Changed\"}")
                : HttpInputs.send("DELETE", "/users/" + account.id(), account.token(), headers, null, null);
    }
}
