package com.ecommerce.users.platform.problem;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.ecommerce.users.jwt.JwtKeys;
import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.RawHttp;
import com.ecommerce.users.support.RawHttp.Header;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.user.UserApi;
import com.ecommerce.users.user.UserApi.Account;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Malformed and hostile requests against every endpoint, each sent byte for byte over a socket (so that invalid UTF-8,
 * a missing Content-Type or an invalid URI reach the server as written). Every case gets exactly the status it
 * names; an error is a problem without internals; and the users table does not change, except for the few cases
 * whose input is legitimately valid, which say exactly what changes. The table is compared row by row (a checksum of
 * every column) around each case rather than once around them all, so that a change is pinned on the case that made
 * it and the valid cases' rows are accounted for one by one.
 */
@Slow
@QuarkusTest
class HostileInputTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NO_ANSWER = Duration.ofSeconds(20);
    /** What a body must never show: stack traces, SQL, driver or ORM names, password hashes. */
    private static final List<String> LEAKS = List.of("at com.", "exception", ".java:", "select ", "insert ",
            "sqlstate", "org.postgresql", "hibernate", "$argon2", "$2a$", "$2b$");

    /** Stored password hashes as an import could bring them: each must end in a 401, quickly. */
    private static final Map<String, String> IMPORTED_HASHES = new LinkedHashMap<>();

    static {
        String salt = "c2FsdHNhbHRzYWx0c2FsdA"; // 16 bytes
        String hash = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"; // 32 bytes
        IMPORTED_HASHES.put("m-beyond-int", "$argon2id$v=19$m=4294967295,t=1,p=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("m-int-max", "$argon2id$v=19$m=2147483647,t=1,p=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("m-negative", "$argon2id$v=19$m=-1,t=1,p=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("t-zero", "$argon2id$v=19$m=65536,t=0,p=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("t-huge", "$argon2id$v=19$m=65536,t=2147483647,p=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("p-zero", "$argon2id$v=19$m=65536,t=1,p=0$" + salt + "$" + hash);
        IMPORTED_HASHES.put("p-huge", "$argon2id$v=19$m=2147483647,t=1,p=16777215$" + salt + "$" + hash);
        IMPORTED_HASHES.put("no-salt", "$argon2id$v=19$m=65536,t=1,p=1$" + hash);
        IMPORTED_HASHES.put("empty-salt", "$argon2id$v=19$m=65536,t=1,p=1$$" + hash);
        IMPORTED_HASHES.put("empty-hash", "$argon2id$v=19$m=65536,t=1,p=1$" + salt + "$");
        IMPORTED_HASHES.put("version-99", "$argon2id$v=99$m=65536,t=1,p=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("argon2d", "$argon2d$v=19$m=65536,t=1,p=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("four-params", "$argon2id$v=19$m=65536,t=1,p=1,x=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("tiny-but-valid", "$argon2i$v=19$m=8,t=1,p=1$" + salt + "$" + hash);
        IMPORTED_HASHES.put("bcrypt-cost-30", "$2b$30$" + "a".repeat(53));
        IMPORTED_HASHES.put("bcrypt-cost-31", "$2b$31$" + "a".repeat(53));
        IMPORTED_HASHES.put("bcrypt-cost-99", "$2a$99$" + "a".repeat(53));
        IMPORTED_HASHES.put("bcrypt-bad-salt", "$2y$04$" + "*".repeat(53));
        IMPORTED_HASHES.put("garbage", "not a password hash; DROP TABLE users;--");
        IMPORTED_HASHES.put("empty", "");
    }

    private static Fixture fixture;

    /** The service's database, read behind its back: its own connection pool here (the IT connects with JDBC). */
    protected DataSource dataSource() {
        return Arc.container().instance(DataSource.class).get();
    }

    /** The key the service signs tokens with: its ephemeral one here (the IT reads its key file). */
    protected PrivateKey signingKey() {
        return Arc.container().instance(JwtKeys.class).get().signingKey();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void getsExactlyItsStatusAProblemWithoutInternalsAndLeavesTheUsersAsTheyWere(Case c) {
        Fixture f = fixture();
        TestDatabase db = new TestDatabase(dataSource());
        Map<Integer, String> before = snapshot(db);

        RawHttp.Response response = RawHttp.send(c.method(), f.resolve(c.target()),
                c.headers().stream().map(h -> new Header(h.name(), f.resolve(h.value()))).toList(),
                c.body() == null ? null : f.resolve(c.body()), NO_ANSWER);

        String body = response.text();
        assertThat(response.status()).as("%s: status of %s", c.name(), body).isEqualTo(c.status());
        assertThat(body.toLowerCase(Locale.ROOT)).as("%s: internals in the body", c.name()).doesNotContain(LEAKS);
        switch (c.answer()) {
            case PROBLEM -> assertProblem(response, c.status());
            case JSON -> assertThat(response.header("Content-Type")).startsWith("application/json");
            case BARE -> {
                // refused by Vert.x or Quarkus before the application: no body at all (docs/operations.md)
                assertThat(response.body()).isEmpty();
                assertThat(response.header("Content-Type")).isNull();
            }
        }
        c.outcome().accept(new Result(response, before, snapshot(db), f, db));
    }

    /** The whole users table, one checksum per row over every column. */
    private static Map<Integer, String> snapshot(TestDatabase db) {
        Map<Integer, String> rows = new HashMap<>();
        for (Map<String, Object> row : db.rows("SELECT id, md5(u::text) AS sum FROM users u ORDER BY id")) {
            rows.put((Integer) row.get("id"), (String) row.get("sum"));
        }
        return rows;
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.header("Content-Type")).startsWith(PROBLEM_JSON);
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("type").asText()).matches("about:blank|urn:problem:user-service:[a-z-]+");
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"user-service\"");
        }
    }

    private static JsonNode json(RawHttp.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.text(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Cases
    // ------------------------------------------------------------------------------------------------------------

    /** How the answer is shaped. */
    enum Answer {
        /** an RFC 9457 problem */
        PROBLEM,
        /** a JSON document */
        JSON,
        /** refused by Vert.x or Quarkus before the application: a status without a body */
        BARE
    }

    /** What one case sends and expects. Placeholders in braces are filled in from the {@link Fixture}. */
    record Case(String name, String method, String target, List<Header> headers, byte[] body, int status,
            Answer answer, Consumer<Result> outcome) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** What a case left behind, for its outcome to check. */
    record Result(RawHttp.Response response, Map<Integer, String> before, Map<Integer, String> after, Fixture fixture,
            TestDatabase db) {
    }

    private static final Consumer<Result> UNCHANGED = r -> assertThat(r.after()).as("users table").isEqualTo(r.before());

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        registration(cases);
        login(cases);
        listing(cases);
        accountsById(cases);
        ownAccount(cases);
        passwordChange(cases);
        tokens(cases);
        methodsAndMediaTypes(cases);
        importedHashes(cases);
        bodyLimits(cases);
        wireLevel(cases);
        return cases.stream();
    }

    private static void registration(List<Case> cases) {
        String valid = "{\"name\": \"Mallory\", \"email\": \"mallory-{run}@example.com\", \"password\": \"" + PASSWORD + "\"}";
        cases.add(post("register: 10 000 nested arrays", "/users").json("[".repeat(10_000) + "]".repeat(10_000)).expect(400));
        cases.add(post("register: 10 000 nested arrays in the name", "/users")
                .json("{\"name\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}").expect(400));
        cases.add(post("register: 5 000 nested objects", "/users").json("{\"a\": ".repeat(5_000) + "1" + "}".repeat(5_000)).expect(400));
        cases.add(post("register: truncated JSON", "/users").json("{\"name\": \"Mallory\", \"email\": ").expect(400));
        cases.add(post("register: empty body", "/users").json("").expect(400));
        cases.add(post("register: JSON null", "/users").json("null").expect(400));
        cases.add(post("register: a JSON string", "/users").json("\"Mallory\"").expect(400));
        cases.add(post("register: single quotes", "/users").json(valid.replace('"', '\'')).expect(400));
        cases.add(post("register: unquoted keys", "/users").json(valid.replace("\"name\"", "name")).expect(400));
        cases.add(post("register: trailing comma", "/users").json(valid.substring(0, valid.length() - 1) + ",}").expect(400));
        cases.add(post("register: a second document after the first", "/users").json(valid + " " + valid).expect(400));
        cases.add(post("register: a comment", "/users").json("{ /* hi */ " + valid.substring(1)).expect(400));
        cases.add(post("register: NaN", "/users").json("{\"name\": NaN}").expect(400));
        cases.add(post("register: duplicate name key", "/users")
                .json(withFirst(valid, "\"name\": \"Alice\"")).expect(400));
        cases.add(post("register: duplicate email key", "/users")
                .json(withFirst(valid, "\"email\": \"other-{run}@example.com\"")).expect(400));
        cases.add(post("register: name is a number", "/users").json(valid.replace("\"Mallory\"", "42")).expect(400));
        cases.add(post("register: name is true", "/users").json(valid.replace("\"Mallory\"", "true")).expect(400));
        cases.add(post("register: name is an object", "/users").json(valid.replace("\"Mallory\"", "{\"first\": \"M\"}")).expect(400));
        cases.add(post("register: name is null", "/users").json(valid.replace("\"Mallory\"", "null")).expect(400));
        cases.add(post("register: email is an array", "/users")
                .json(valid.replace("\"mallory-{run}@example.com\"", "[\"mallory-{run}@example.com\"]")).expect(400));
        cases.add(post("register: password is a number", "/users").json(valid.replace("\"" + PASSWORD + "\"", "12345678")).expect(400));
        cases.add(post("register: a number of 2000 digits", "/users").json(valid.replace("\"Mallory\"", "9".repeat(2000))).expect(400));
        cases.add(post("register: 1e999999", "/users").json(valid.replace("\"Mallory\"", "1e999999")).expect(400));
        cases.add(post("register: an id", "/users").json(withFirst(valid, "\"id\": 1")).expect(400));
        cases.add(post("register: a role", "/users").json(withFirst(valid, "\"role\": \"admin\"")).expect(400));
        cases.add(post("register: a property named like a script", "/users")
                .json(withFirst(valid, "\"<script>alert(1)</script>\": 1")).expect(400));
        cases.add(post("register: 51-character name", "/users").json(valid.replace("Mallory", "M".repeat(51))).expect(400));
        cases.add(post("register: 60 000-character name", "/users").json(valid.replace("Mallory", "M".repeat(60_000))).expect(400));
        cases.add(post("register: 256-character email", "/users")
                .json(valid.replace("mallory-{run}@example.com", "m".repeat(244) + "@example.com")).expect(400));
        cases.add(post("register: 1025-character password", "/users").json(valid.replace(PASSWORD, "p".repeat(1025))).expect(400));
        cases.add(post("register: NUL in the name", "/users").json(valid.replace("Mallory", "Mal\\u0000lory")).expect(400));
        cases.add(post("register: bell in the name", "/users").json(valid.replace("Mallory", "Mal\\u0007lory")).expect(400));
        cases.add(post("register: line separator in the name", "/users").json(valid.replace("Mallory", "Mal\\u2028lory")).expect(400));
        cases.add(post("register: raw tab inside a JSON string", "/users").json(valid.replace("Mallory", "Mal\tlory")).expect(400));
        cases.add(post("register: unpaired surrogate in the name", "/users").json(valid.replace("Mallory", "Mal\\ud800lory")).expect(400));
        cases.add(post("register: unpaired surrogate in the password", "/users").json(valid.replace(PASSWORD, "pass\\udc00word")).expect(400));
        cases.add(post("register: NUL in the email", "/users").json(valid.replace("mallory-", "mal\\u0000lory-")).expect(400));
        cases.add(post("register: SQL in the email", "/users")
                .json(valid.replace("mallory-{run}@example.com", "x' OR '1'='1@example.com")).expect(400));
        for (Map.Entry<String, byte[]> bad : INVALID_UTF8.entrySet()) {
            cases.add(post("register: invalid UTF-8 (" + bad.getKey() + ") in the name", "/users")
                    .json(concat(bytes("{\"name\": \"Mal"), bad.getValue(), bytes(valid.substring(valid.indexOf("lory\""))))).expect(400));
        }
        cases.add(post("register: invalid UTF-8 in a key", "/users")
                .json(concat(bytes("{\""), new byte[] { (byte) 0xC3, 0x28 }, bytes("\": 1}"))).expect(400));
        cases.add(post("register: invalid UTF-8 after the document", "/users")
                .json(concat(bytes(valid), new byte[] { (byte) 0xFF })).expect(400));
        // valid input that looks hostile: stored and returned verbatim, never executed
        cases.add(post("register: SQL in the name is stored verbatim", "/users")
                .json("{\"name\": \"Robert'); DROP TABLE users;--\", \"email\": \"bobby-{run}@example.com\", \"password\": \"" + PASSWORD + "\"}")
                .expect(201, Answer.JSON, created("name", "Robert'); DROP TABLE users;--")));
        cases.add(post("register: script in the name is stored verbatim", "/users")
                .json("{\"name\": \"<script>alert(1)</script>\", \"email\": \"xss-{run}@example.com\", \"password\": \"" + PASSWORD + "\"}")
                .expect(201, Answer.JSON, created("name", "<script>alert(1)</script>")));
        cases.add(post("register: quotes and dashes in the email are stored verbatim", "/users")
                .json("{\"name\": \"O'Neil\", \"email\": \"o'neil'--{run}@example.com\", \"password\": \"" + PASSWORD + "\"}")
                .expect(201, Answer.JSON, created("email", "o'neil'--{run}@example.com")));
        cases.add(post("register: control characters in the password are hashed like any other", "/users")
                .json("{\"name\": \"Nul\", \"email\": \"nul-{run}@example.com\", \"password\": \"pass\\u0000\\u0007word\"}")
                .expect(201, Answer.JSON, created("email", "nul-{run}@example.com")));
    }

    private static void login(List<Case> cases) {
        cases.add(post("login: 10 000 nested arrays", "/auth/login").json("[".repeat(10_000) + "]".repeat(10_000)).expect(400));
        cases.add(post("login: truncated JSON", "/auth/login").json("{\"email\": \"a@b.c\", \"password\": \"x").expect(400));
        cases.add(post("login: JSON null", "/auth/login").json("null").expect(400));
        cases.add(post("login: duplicate email key", "/auth/login")
                .json("{\"email\": \"{user-email}\", \"email\": \"x@y.z\", \"password\": \"" + PASSWORD + "\"}").expect(400));
        cases.add(post("login: email is a number", "/auth/login").json("{\"email\": 1, \"password\": \"x\"}").expect(400));
        cases.add(post("login: password is an object", "/auth/login")
                .json("{\"email\": \"{user-email}\", \"password\": {\"$ne\": null}}").expect(400));
        cases.add(post("login: email is null", "/auth/login").json("{\"email\": null, \"password\": \"x\"}").expect(400));
        cases.add(post("login: 256-character email", "/auth/login")
                .json("{\"email\": \"" + "a".repeat(244) + "@example.com\", \"password\": \"x\"}").expect(400));
        cases.add(post("login: 1025-character password", "/auth/login")
                .json("{\"email\": \"{user-email}\", \"password\": \"" + "p".repeat(1025) + "\"}").expect(400));
        cases.add(post("login: NUL in the email", "/auth/login")
                .json("{\"email\": \"a\\u0000b@example.com\", \"password\": \"" + PASSWORD + "\"}").expect(400));
        cases.add(post("login: unpaired surrogate in the email", "/auth/login")
                .json("{\"email\": \"a\\ud800b-{run}@example.com\", \"password\": \"" + PASSWORD + "\"}").expect(401));
        cases.add(post("login: invalid UTF-8 in the email", "/auth/login")
                .json(concat(bytes("{\"email\": \"a"), new byte[] { (byte) 0xC0, (byte) 0xAF }, bytes("b@example.com\", \"password\": \"x\"}")))
                .expect(400));
        cases.add(post("login: encoded surrogate in the password", "/auth/login")
                .json(concat(bytes("{\"email\": \"{user-email}\", \"password\": \"pass"), new byte[] { (byte) 0xED, (byte) 0xB0, (byte) 0x80 },
                        bytes("word\"}"))).expect(400));
        cases.add(post("login: SQL in the email", "/auth/login")
                .json("{\"email\": \"' OR '1'='1' --\", \"password\": \"x\"}").expect(401));
        cases.add(post("login: SQL in the password", "/auth/login")
                .json("{\"email\": \"{user-email}\", \"password\": \"' OR '1'='1' --\"}").expect(401));
        cases.add(post("login: form with a malformed percent escape", "/auth/login")
                .form("grant_type=password&username=a%ZZb%40example.com&password=x").expect(400));
        cases.add(post("login: form with a truncated percent escape", "/auth/login")
                .form("username={user-email}&password=abc%2").expect(400));
        cases.add(post("login: form with NUL in the username", "/auth/login")
                .form("username=a%00b%40example.com&password=x").expect(400));
        cases.add(post("login: form with invalid UTF-8 in the username", "/auth/login")
                .form("username=a%C3%28b-{run}%40example.com&password=x").expect(401));
        cases.add(post("login: form with SQL in the username", "/auth/login")
                .form("username=admin%40user-service.test'%20--&password=x").expect(401));
        cases.add(post("login: form with a second username", "/auth/login")
                .form("username=x%40example.com&username={user-email}&password=x").expect(401));
        cases.add(post("login: form with another grant type", "/auth/login")
                .form("grant_type=client_credentials&username={user-email}&password=x").expect(400));
        cases.add(post("login: form without a username", "/auth/login").form("password=x").expect(400));
        cases.add(post("login: form with a 1025-character password", "/auth/login")
                .form("username={user-email}&password=" + "p".repeat(1025)).expect(400));
        cases.add(post("login: form body that is JSON", "/auth/login").form("{\"email\": \"{user-email}\"}").expect(400));
        // 1024 characters of three UTF-8 bytes are 9 KiB percent-encoded: still a password like any other
        cases.add(post("login: form with a 1024-character non-ASCII password logs in", "/auth/login")
                .form("username={email:long-password}&password=" + "%E2%82%AC".repeat(1024))
                .expect(200, Answer.JSON, UNCHANGED.andThen(r -> assertThat(json(r.response()).path("token_type").asText()).isEqualTo("bearer"))));
    }

    private static void listing(List<Case> cases) {
        for (String limit : List.of("0", "-1", "101", "1e3", "10.5", "abc", "99999999999999999999", "2147483648", "0x10", "%2B5", "%205")) {
            cases.add(get("list: limit=" + limit, "/users?limit=" + limit).bearer("admin").expect(400));
        }
        for (String after : List.of("garbage", "aWQ6MA", "aWQ6LTE", "aWQ6OTk5OTk5OTk5OTk5", "aWQ6MQ==", "aWQ6MDE", "aWQ6MQ%00",
                "aWQ6MSc7IERST1AgVEFCTEUgdXNlcnM7LS0", "%27%20OR%201%3D1--", "A".repeat(33))) {
            cases.add(get("list: after=" + (after.length() > 40 ? after.substring(0, 40) + "..." : after), "/users?after=" + after)
                    .bearer("admin").expect(400));
        }
        cases.add(get("list: after the largest id", "/users?after=aWQ6MjE0NzQ4MzY0Nw").bearer("admin")
                .expect(200, Answer.JSON, listed(Integer.MAX_VALUE, 20, null, null)));
        cases.add(get("list: email with SQL and spaces", "/users?email=x%27%20OR%20%271%27%3D%271").bearer("admin").expect(400));
        cases.add(get("list: email with NUL", "/users?email=a%00b%40example.com").bearer("admin").expect(400));
        cases.add(get("list: 256-character email", "/users?email=" + "a".repeat(244) + "%40example.com").bearer("admin").expect(400));
        cases.add(get("list: name with a control character", "/users?name=a%07b").bearer("admin").expect(400));
        cases.add(get("list: 51-character name", "/users?name=" + "n".repeat(51)).bearer("admin").expect(400));
        // valid filters whatever they look like: matched as plain text, never as SQL or LIKE patterns
        cases.add(get("list: email with a quote is an exact match", "/users?email=x%27--%40example.com").bearer("admin")
                .expect(200, Answer.JSON, listed(0, 20, "x'--@example.com", null)));
        cases.add(get("list: name with SQL is a substring match", "/users?name=%27%20OR%20%271%27%3D%271").bearer("admin")
                .expect(200, Answer.JSON, listed(0, 20, null, "' OR '1'='1")));
        cases.add(get("list: name % is a literal percent sign", "/users?name=%25").bearer("admin")
                .expect(200, Answer.JSON, listed(0, 20, null, "%")));
        cases.add(get("list: name _ is a literal underscore", "/users?name=_").bearer("admin")
                .expect(200, Answer.JSON, listed(0, 20, null, "_")));
        cases.add(get("list: name with a script", "/users?name=%3Cscript%3E").bearer("admin")
                .expect(200, Answer.JSON, listed(0, 20, null, "<script>")));
        cases.add(get("list: invalid UTF-8 in the name decodes to U+FFFD", "/users?name=%C3%28").bearer("admin")
                .expect(200, Answer.JSON, listed(0, 20, null, "\uFFFD(")));
        cases.add(get("list: the first of two limits counts", "/users?limit=1&limit=500").bearer("admin")
                .expect(200, Answer.JSON, listed(0, 1, null, null)));
        cases.add(get("list: as a user", "/users?name=%27").bearer("user").expect(403));
        cases.add(get("list: a forged admin claim does not make an admin", "/users").bearer("admin-claim").expect(403));
        cases.add(get("list: without a token", "/users?limit=abc").expect(401));
    }

    private static void accountsById(List<Case> cases) {
        for (String id : List.of("99999999999999999999", "2147483648", "-2147483649", "1e3", "abc", "0x10", "1.0",
                "%27%20OR%20%271%27%3D%271", "1%3B%20DROP%20TABLE%20users", "%00")) {
            cases.add(get("get by id: " + id, "/users/" + id).bearer("admin").expect(404));
        }
        cases.add(get("get by id: -1", "/users/-1").bearer("admin").expect(404));
        cases.add(get("get by id: 0", "/users/0").bearer("admin").expect(404));
        cases.add(get("get by id: another account's", "/users/{admin-id}").bearer("user").expect(404));
        cases.add(get("get by id: huge id without a token", "/users/99999999999999999999").expect(401));
        cases.add(get("get by id: an XML Accept", "/users/{self}").bearer("user").header("Accept", "application/xml").expect(406));
        cases.add(patch("patch by id: 2147483648", "/users/2147483648").bearer("admin").mergePatch("{\"name\": \"X\"}").expect(404));
        cases.add(patch("patch by id: 1e3", "/users/1e3").bearer("admin").mergePatch("{\"name\": \"X\"}").expect(404));
        cases.add(patch("patch by id: 0", "/users/0").bearer("admin").mergePatch("{\"name\": \"X\"}").expect(404));
        cases.add(patch("patch by id: the role, by the account itself", "/users/{self}").bearer("user")
                .mergePatch("{\"role\": \"admin\"}").expect(403));
        cases.add(patch("patch by id: a role that does not exist", "/users/{self}").bearer("admin")
                .mergePatch("{\"role\": \"superuser\"}").expect(400));
        cases.add(patch("patch by id: role in capitals", "/users/{self}").bearer("admin").mergePatch("{\"role\": \"ADMIN\"}").expect(400));
        cases.add(patch("patch by id: role as a number", "/users/{self}").bearer("admin").mergePatch("{\"role\": 1}").expect(400));
        cases.add(delete("delete by id: 99999999999999999999", "/users/99999999999999999999").bearer("admin").expect(404));
        cases.add(delete("delete by id: -1", "/users/-1").bearer("admin").expect(404));
        cases.add(delete("delete by id: another account's", "/users/{admin-id}").bearer("user").expect(404));
        cases.add(delete("delete by id: a malformed If-Match", "/users/{self}").bearer("admin").header("If-Match", "garbage").expect(400));
        cases.add(delete("delete by id: If-Match beyond a long", "/users/{self}").bearer("admin")
                .header("If-Match", "\"99999999999999999999\"").expect(412));
        cases.add(delete("delete by id: a weak If-Match", "/users/{self}").bearer("admin").header("If-Match", "W/\"0\"").expect(412));
    }

    private static void ownAccount(List<Case> cases) {
        cases.add(patch("patch me: 10 000 nested arrays", "/users/me").bearer("user").mergePatch("[".repeat(10_000) + "]".repeat(10_000)).expect(400));
        cases.add(patch("patch me: 5 000 nested objects in the name", "/users/me").bearer("user")
                .mergePatch("{\"name\": " + "{\"a\": ".repeat(5_000) + "1" + "}".repeat(5_000) + "}").expect(400));
        cases.add(patch("patch me: empty body", "/users/me").bearer("user").mergePatch("").expect(400));
        cases.add(patch("patch me: JSON null", "/users/me").bearer("user").mergePatch("null").expect(400));
        cases.add(patch("patch me: null name", "/users/me").bearer("user").mergePatch("{\"name\": null}").expect(400));
        cases.add(patch("patch me: null email", "/users/me").bearer("user").mergePatch("{\"email\": null}").expect(400));
        cases.add(patch("patch me: duplicate name key", "/users/me").bearer("user").mergePatch("{\"name\": \"A\", \"name\": \"B\"}").expect(400));
        cases.add(patch("patch me: name is a number", "/users/me").bearer("user").mergePatch("{\"name\": 99999999999999999999}").expect(400));
        cases.add(patch("patch me: the version", "/users/me").bearer("user").mergePatch("{\"version\": 0}").expect(400));
        cases.add(patch("patch me: the password hash", "/users/me").bearer("user").mergePatch("{\"passwordHash\": \"x\"}").expect(400));
        cases.add(patch("patch me: the password", "/users/me").bearer("user").mergePatch("{\"password\": \"a new password\"}").expect(403));
        cases.add(patch("patch me: the role", "/users/me").bearer("user").mergePatch("{\"role\": \"admin\"}").expect(403));
        cases.add(patch("patch me: 51-character name", "/users/me").bearer("user").mergePatch("{\"name\": \"" + "n".repeat(51) + "\"}").expect(400));
        cases.add(patch("patch me: blank name", "/users/me").bearer("user").mergePatch("{\"name\": \"   \"}").expect(400));
        cases.add(patch("patch me: NUL in the email", "/users/me").bearer("user").mergePatch("{\"email\": \"a\\u0000b@example.com\"}").expect(400));
        cases.add(patch("patch me: invalid UTF-8 in the name", "/users/me").bearer("user")
                .mergePatch(concat(bytes("{\"name\": \""), new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, bytes("\"}"))).expect(400));
        cases.add(patch("patch me: the email of another account", "/users/me").bearer("user")
                .mergePatch("{\"email\": \"" + UserApi.ADMIN_EMAIL.toUpperCase(Locale.ROOT) + "\", \"currentPassword\": \""
                        + UserApi.PASSWORD + "\"}").expect(409));
        cases.add(patch("patch me: a name with a wrong currentPassword", "/users/me").bearer("user")
                .mergePatch("{\"name\": \"Renamed\", \"currentPassword\": \"a wrong guess\"}").expect(403));
        cases.add(patch("patch me: a malformed If-Match", "/users/me").bearer("user").header("If-Match", "\"unterminated")
                .mergePatch("{\"name\": \"If-Match\"}").expect(400));
        cases.add(patch("patch me: If-Match of a version that never was", "/users/me").bearer("user").header("If-Match", "\"-1\"")
                .mergePatch("{\"name\": \"If-Match\"}").expect(412));
        cases.add(patch("patch me: SQL in the name is stored verbatim", "/users/me").bearer("user")
                .mergePatch("{\"name\": \"'; UPDATE users SET role='admin';--\"}")
                .expect(200, Answer.JSON, changedSelf("'; UPDATE users SET role='admin';--")));
        cases.add(get("get me: a 1 KiB X-Request-Id is replaced, not echoed", "/users/me").bearer("user")
                .header("X-Request-Id", "<script>" + "x".repeat(1024))
                .expect(200, Answer.JSON, UNCHANGED.andThen(r -> assertThat(r.response().header("X-Request-Id")).matches("[0-9a-f-]{36}"))));
        cases.add(delete("delete me: If-Match of another version", "/users/me").bearer("user").header("If-Match", "\"99\"").expect(412));
        cases.add(delete("delete me: a malformed If-Match with a body", "/users/me").bearer("user").header("If-Match", ",,,")
                .json("{\"confirm\": true}").expect(400));
    }

    private static void passwordChange(List<Case> cases) {
        cases.add(put("change password: 10 000 nested arrays", "/users/me/password").bearer("user")
                .json("[".repeat(10_000) + "]".repeat(10_000)).expect(400));
        cases.add(put("change password: JSON null", "/users/me/password").bearer("user").json("null").expect(400));
        cases.add(put("change password: empty body", "/users/me/password").bearer("user").json("").expect(400));
        cases.add(put("change password: missing new password", "/users/me/password").bearer("user")
                .json("{\"currentPassword\": \"" + PASSWORD + "\"}").expect(400));
        cases.add(put("change password: new password of 7 characters", "/users/me/password").bearer("user")
                .json("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"1234567\"}").expect(400));
        cases.add(put("change password: new password of 1025 characters", "/users/me/password").bearer("user")
                .json("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"" + "p".repeat(1025) + "\"}").expect(400));
        cases.add(put("change password: duplicate newPassword key", "/users/me/password").bearer("user")
                .json("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"first one!\", \"newPassword\": \"second one\"}").expect(400));
        cases.add(put("change password: new password is a number", "/users/me/password").bearer("user")
                .json("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": 123456789}").expect(400));
        cases.add(put("change password: unpaired surrogate in the new password", "/users/me/password").bearer("user")
                .json("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"new\\ud800password\"}").expect(400));
        cases.add(put("change password: invalid UTF-8 in the new password", "/users/me/password").bearer("user")
                .json(concat(bytes("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"new"),
                        new byte[] { (byte) 0xFF, (byte) 0xFE }, bytes("password\"}"))).expect(400));
        cases.add(put("change password: SQL as the current password", "/users/me/password").bearer("user")
                .json("{\"currentPassword\": \"' OR '1'='1\", \"newPassword\": \"a new password\"}").expect(403));
        cases.add(put("change password: an account with an absurd stored hash", "/users/me/password").bearer("imported-absurd")
                .json("{\"currentPassword\": \"anything at all\", \"newPassword\": \"a new password\"}").expect(403));
    }

    private static void tokens(List<Case> cases) {
        for (String token : List.of("expired", "wrong-aud", "wrong-iss", "sub-text", "sub-huge", "sub-negative", "sub-nobody",
                "no-sub", "alg-none", "hs256", "foreign-key", "unknown-kid-foreign-key", "tampered", "year-long",
                "deleted", "padded", "twice-padded", "standard-alphabet", "unused-bits", "issued-in-an-hour")) {
            cases.add(get("get me: token " + token, "/users/me").bearer(token).expect(401));
        }
        for (String header : List.of("Bearer", "Bearer ", "Bearer garbage", "Bearer a.b.c", "Bearer ....", "Bearer " + "x".repeat(8000),
                "Bearer {token:user}x", "Basic dXNlcjpwYXNzd29yZA==", "Bearer {token:user} {token:user}")) {
            cases.add(get("get me: Authorization " + (header.length() > 40 ? header.substring(0, 40) + "..." : header), "/users/me")
                    .header("Authorization", header).expect(401));
        }
        cases.add(patch("patch me: expired token", "/users/me").bearer("expired").mergePatch("{\"name\": \"Expired\"}").expect(401));
        cases.add(delete("delete me: token of another audience", "/users/me").bearer("wrong-aud").expect(401));
        cases.add(delete("delete me: unsigned token", "/users/me").bearer("alg-none").expect(401));
        cases.add(put("change password: HS256 token", "/users/me/password").bearer("hs256")
                .json("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"a new password\"}").expect(401));
        cases.add(delete("delete by id: token with a text subject", "/users/{self}").bearer("sub-text").expect(401));
        cases.add(get("list: forged-key token", "/users").bearer("foreign-key").expect(401));
        // public operations ignore whatever token comes along
        cases.add(post("login: garbage token and a malformed body", "/auth/login").header("Authorization", "Bearer garbage")
                .json("{").expect(400));
        cases.add(post("register: expired token and a malformed body", "/users").bearer("expired").json("{").expect(400));
        cases.add(get("jwks: garbage token", "/.well-known/jwks.json").header("Authorization", "Bearer garbage")
                .expect(200, Answer.JSON, UNCHANGED.andThen(r -> assertThat(json(r.response()).path("keys").size()).isEqualTo(1))));
    }

    private static void methodsAndMediaTypes(List<Case> cases) {
        cases.add(request("PUT", "/users").bearer("admin").json("{}").expect(405));
        cases.add(request("DELETE", "/users").bearer("admin").expect(405));
        cases.add(request("PATCH", "/users").bearer("admin").mergePatch("{}").expect(405));
        cases.add(request("POST", "/users/me").bearer("user").json("{}").expect(405));
        cases.add(request("PUT", "/users/me").bearer("user").json("{}").expect(405));
        cases.add(request("PUT", "/users/{self}").bearer("user").json("{}").expect(405));
        cases.add(request("POST", "/users/{self}").bearer("user").json("{}").expect(405));
        cases.add(request("GET", "/users/me/password").bearer("user").expect(405));
        cases.add(request("DELETE", "/users/me/password").bearer("user").expect(405));
        cases.add(request("GET", "/auth/login").expect(405));
        cases.add(request("DELETE", "/auth/login").expect(405));
        cases.add(request("POST", "/.well-known/jwks.json").json("{}").expect(405));
        cases.add(request("DELETE", "/.well-known/jwks.json").expect(405));
        cases.add(request("TRACE", "/users").expect(405));
        cases.add(request("FOO", "/users").expect(405));
        cases.add(post("register: text/plain", "/users").body("text/plain", bytes("name=Mallory")).expect(415));
        cases.add(post("register: form", "/users").form("name=Mallory&email=m%40example.com&password=x").expect(415));
        cases.add(post("register: multipart", "/users").body("multipart/form-data; boundary=XyZ",
                bytes("--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nMallory\r\n--XyZ--\r\n")).expect(415));
        cases.add(post("register: application/xml", "/users").body("application/xml", bytes("<user><name>Mallory</name></user>")).expect(415));
        cases.add(post("register: a Content-Type that does not parse", "/users").body(";;;/", bytes("{}")).expect(415));
        cases.add(post("register: no Content-Type, a body that is not JSON", "/users").body(null, bytes("name=Mallory")).expect(400));
        cases.add(post("login: text/plain", "/auth/login").body("text/plain", bytes("{user-email}:" + PASSWORD)).expect(415));
        cases.add(post("login: multipart", "/auth/login").body("multipart/form-data; boundary=XyZ",
                bytes("--XyZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\n{user-email}\r\n--XyZ--\r\n")).expect(415));
        cases.add(post("login: no Content-Type, an empty object", "/auth/login").body(null, bytes("{}")).expect(400));
        cases.add(patch("patch me: application/json", "/users/me").bearer("user").json("{\"name\": \"Plain JSON\"}").expect(415));
        cases.add(patch("patch me: text/plain", "/users/me").bearer("user").body("text/plain", bytes("name=Plain")).expect(415));
        cases.add(put("change password: merge patch", "/users/me/password").bearer("user")
                .mergePatch("{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"a new password\"}").expect(415));
        cases.add(put("change password: form", "/users/me/password").bearer("user")
                .form("currentPassword=x&newPassword=a%20new%20password").expect(415));
    }

    private static void importedHashes(List<Case> cases) {
        for (String label : IMPORTED_HASHES.keySet()) {
            cases.add(post("login: imported hash " + label, "/auth/login")
                    .json("{\"email\": \"{email:phc-" + label + "}\", \"password\": \"" + PASSWORD + "\"}").expect(401));
        }
        cases.add(post("login: form, imported hash m-beyond-int", "/auth/login")
                .form("username={email:phc-m-beyond-int}&password=x").expect(401));
    }

    private static void bodyLimits(List<Case> cases) {
        // more fields than quarkus.http.limits.max-form-fields (32), fewer than Quarkus REST's own 1000 or more
        for (String path : List.of("/auth/login", "/auth/token", "/auth/logout")) {
            cases.add(post("form: 1 200 empty fields to " + path, path).form("&".repeat(1200)).expect(413));
            cases.add(post("form: 33 fields to " + path, path).form("a=1&".repeat(32) + "a=1").expect(413));
        }
        // a body past quarkus.http.limits.max-body-size (64 KiB) that declares no length: refused while it is read
        byte[] name = bytes("{\"name\": \"" + "M".repeat(70_000) + "\"}");
        cases.add(post("register: chunked body of 70 kB", "/users").header("Transfer-Encoding", "chunked")
                .json(RawHttp.chunked(name, 8192)).expect(413));
        cases.add(patch("patch me: chunked body of 70 kB", "/users/me").bearer("user")
                .header("Transfer-Encoding", "chunked").mergePatch(RawHttp.chunked(name, 8192)).expect(413));
        cases.add(post("login: chunked JSON body of 70 kB", "/auth/login").header("Transfer-Encoding", "chunked")
                .json(RawHttp.chunked(bytes("{\"email\": \"" + "e".repeat(70_000) + "\"}"), 8192)).expect(413));
        cases.add(post("login: chunked form body of 70 kB", "/auth/login").header("Transfer-Encoding", "chunked")
                .form(RawHttp.chunked(bytes("username=" + "u".repeat(70_000)), 1024)).expect(413));
        cases.add(post("refresh: chunked form body of 70 kB", "/auth/token").header("Transfer-Encoding", "chunked")
                .form(RawHttp.chunked(bytes("grant_type=refresh_token&refresh_token=" + "r".repeat(70_000)), 8192))
                .expect(413));
    }

    private static void wireLevel(List<Case> cases) {
        // Quarkus checks the request target with java.net.URI before routing and answers 400 without a body
        cases.add(get("target: malformed escape in the path", "/users/%ZZ").expectBare(400));
        cases.add(get("target: malformed escape in the query", "/users?name=%ZZ").bearer("admin").expectBare(400));
        cases.add(get("target: raw angle brackets in the query", "/users?name=<script>").bearer("admin").expectBare(400));
        cases.add(get("target: a lone percent sign", "/.well-known/jwks.json?x=%").expectBare(400));
        // Vert.x refuses oversized request lines and header blocks before the application, with a bare 414 or 431
        cases.add(get("target: 10 KiB query string", "/users?name=" + "q".repeat(10 * 1024)).bearer("admin").expectBare(414));
        cases.add(get("target: 10 KiB path", "/users/" + "1".repeat(10 * 1024)).bearer("admin").expectBare(414));
        cases.add(get("target: 3 KiB query string still reaches the application", "/users?name=" + "q".repeat(3 * 1024))
                .bearer("admin").expect(400));
        cases.add(get("headers: one 20 KiB header", "/users/me").bearer("user").header("X-Padding", "h".repeat(20 * 1024)).expectBare(431));
        Builder many = get("headers: 40 KiB in ten headers", "/users/me").bearer("user");
        for (int i = 0; i < 10; i++) {
            many.header("X-Padding-" + i, "h".repeat(4 * 1024));
        }
        cases.add(many.expectBare(431));
        cases.add(post("wire: Content-Length that is not a number", "/users").header("Content-Length", "abc").json("{}").expectBare(400));
        cases.add(post("wire: negative Content-Length", "/users").header("Content-Length", "-1").json("{}").expectBare(400));
        cases.add(get("wire: NUL in a header value", "/users/me").bearer("user").header("X-Test", "a\u0000b").expectBare(400));
        cases.add(get("wire: space in a header name", "/users/me").bearer("user").header("X Test", "a").expectBare(400));
        // RFC 9112, section 3.2: an HTTP/1.1 request without a Host, or with one that is not a host, is a 400
        cases.add(get("wire: no Host", "/users/me").bearer("user").header("Host", null).expect(400));
        cases.add(get("wire: Host with a path", "/users/me").bearer("user").header("Host", "evil.example/x?y").expect(400));
        cases.add(get("wire: two Hosts", "/users/me").bearer("user").header("Host", "a.example").header("Host", "b.example").expect(400));
        cases.add(get("wire: an empty Host is allowed", "/.well-known/jwks.json").header("Host", "").expect(200, Answer.JSON, UNCHANGED));
        cases.add(get("headers: 12 KiB still reach the application", "/.well-known/jwks.json").header("X-Padding", "h".repeat(12 * 1024))
                .expect(200, Answer.JSON, UNCHANGED));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Outcomes of the valid cases
    // ------------------------------------------------------------------------------------------------------------

    /** Exactly one new row, the answer's, holding {@code expected} in {@code column} as sent; no other row changed. */
    private static Consumer<Result> created(String column, String expected) {
        return r -> {
            int id = json(r.response()).path("id").asInt();
            Map<Integer, String> others = new HashMap<>(r.after());
            assertThat(others.remove(id)).as("the new row").isNotNull();
            assertThat(others).as("every other row").isEqualTo(r.before());
            String value = r.fixture().resolve(expected);
            assertThat(r.db().user(id)).containsEntry(column, value).containsEntry("role", "user");
            assertThat(json(r.response()).path(column).asText()).isEqualTo(value);
        };
    }

    /** Only the caller's row changed: its name is {@code expected} as sent, and it is still a plain user. */
    private static Consumer<Result> changedSelf(String expected) {
        return r -> {
            int self = r.fixture().user().id();
            Map<Integer, String> before = new HashMap<>(r.before());
            Map<Integer, String> after = new HashMap<>(r.after());
            assertThat(after.remove(self)).isNotEqualTo(before.remove(self));
            assertThat(after).as("every other row").isEqualTo(before);
            assertThat(r.db().user(self)).containsEntry("name", expected).containsEntry("role", "user");
        };
    }

    /** The page holds exactly the accounts the same filter selects in SQL, where the filter is bound as a value. */
    private static Consumer<Result> listed(int afterId, int limit, String email, String nameContains) {
        return UNCHANGED.andThen(r -> {
            List<Integer> expected = r.db().rows("SELECT id FROM users WHERE id > ? AND (?::text IS NULL OR lower(email) = lower(?))"
                    + " AND (?::text IS NULL OR strpos(lower(name), lower(?)) > 0) ORDER BY id LIMIT ?",
                    afterId, email, email, nameContains, nameContains, limit).stream().map(row -> (Integer) row.get("id")).toList();
            List<Integer> ids = new ArrayList<>();
            json(r.response()).path("items").forEach(item -> ids.add(item.path("id").asInt()));
            assertThat(ids).isEqualTo(expected);
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // Fixture: accounts, tokens and imported rows, made once per test JVM
    // ------------------------------------------------------------------------------------------------------------

    /** What the placeholders of the cases stand for. */
    record Fixture(Account user, Account admin, Map<String, String> values) {

        String resolve(String text) {
            if (text == null) {
                return null;
            }
            String resolved = text;
            for (Map.Entry<String, String> value : values.entrySet()) {
                resolved = resolved.replace("{" + value.getKey() + "}", value.getValue());
            }
            return resolved;
        }

        byte[] resolve(byte[] body) {
            byte[] resolved = body;
            for (Map.Entry<String, String> value : values.entrySet()) {
                resolved = replace(resolved, bytes("{" + value.getKey() + "}"), bytes(value.getValue()));
            }
            return resolved;
        }
    }

    private synchronized Fixture fixture() {
        if (fixture != null) {
            return fixture;
        }
        TestDatabase db = new TestDatabase(dataSource());
        String run = UUID.randomUUID().toString().substring(0, 8);
        Account user = UserApi.newAccount("Hostile Input Target");
        Account admin = UserApi.admin();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("run", run);
        values.put("self", Integer.toString(user.id()));
        values.put("admin-id", Integer.toString(admin.id()));
        values.put("user-email", user.email());

        String longPasswordEmail = "long-password-" + run + "@example.com";
        UserApi.register("Long Password", longPasswordEmail, "\u20ac".repeat(1024)).statusCode(201);
        values.put("email:long-password", longPasswordEmail.replace("@", "%40"));

        int absurdId = 0;
        for (Map.Entry<String, String> imported : IMPORTED_HASHES.entrySet()) {
            String email = "phc-" + imported.getKey() + "-" + run + "@example.com";
            int id = (Integer) db.row("INSERT INTO users (name, email, password) VALUES (?, ?, ?) RETURNING id",
                    "Imported " + imported.getKey(), email, imported.getValue()).get("id");
            values.put("email:phc-" + imported.getKey(), email);
            if (imported.getKey().equals("m-beyond-int")) {
                absurdId = id;
            }
        }

        Account deleted = UserApi.newAccount("Deleted");
        deleted.auth().delete("/users/me").then().statusCode(204);

        String jwks = given().get("/.well-known/jwks.json").asString();
        String kid = given().get("/.well-known/jwks.json").path("keys[0].kid");
        PrivateKey key = signingKey();
        KeyPair forger = TestKeys.generate();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("user", user.token());
        tokens.put("admin", admin.token());
        tokens.put("deleted", deleted.token());
        tokens.put("expired", sign(claims(db, user, c -> {
            c.put("iat", (Long) c.get("iat") - 1000);
            c.put("exp", Instant.now().getEpochSecond() - 100);
        }), key, kid));
        tokens.put("wrong-aud", sign(claims(db, user, c -> c.put("aud", "another-shop")), key, kid));
        tokens.put("wrong-iss", sign(claims(db, user, c -> c.put("iss", "https://evil.example")), key, kid));
        tokens.put("sub-text", sign(claims(db, user, c -> c.put("sub", "not-a-number")), key, kid));
        tokens.put("sub-huge", sign(claims(db, user, c -> c.put("sub", "99999999999999999999")), key, kid));
        tokens.put("sub-negative", sign(claims(db, user, c -> c.put("sub", "-1")), key, kid));
        tokens.put("sub-nobody", sign(claims(db, user, c -> c.put("sub", Integer.toString(Integer.MAX_VALUE))), key, kid));
        tokens.put("no-sub", sign(claims(db, user, c -> c.remove("sub")), key, kid));
        tokens.put("year-long", sign(claims(db, user, c -> c.put("exp", (Long) c.get("iat") + 365L * 24 * 3600)), key, kid));
        tokens.put("admin-claim", sign(claims(db, user, c -> c.put("groups", List.of("admin"))), key, kid));
        tokens.put("foreign-key", sign(claims(db, user, c -> { }), forger.getPrivate(), kid));
        tokens.put("unknown-kid-foreign-key", sign(claims(db, user, c -> { }), forger.getPrivate(), "unknown-key-id"));
        tokens.put("alg-none", Jwts.encode(Map.of("alg", "none", "typ", "JWT", "kid", kid)) + "."
                + Jwts.encode(claims(db, user, c -> { })) + ".");
        tokens.put("hs256", hs256(claims(db, user, c -> { }), jwks, kid));
        String[] parts = user.token().split("\\.");
        Map<String, Object> stolen = new HashMap<>(Jwts.claims(user.token()));
        stolen.put("sub", Integer.toString(admin.id()));
        tokens.put("tampered", parts[0] + "." + Jwts.encode(stolen) + "." + parts[2]);
        Account absurd = new Account(absurdId, values.get("email:phc-m-beyond-int"), PASSWORD, null);
        tokens.put("imported-absurd", sign(claims(db, absurd, c -> { }), key, kid));
        // other spellings of a valid token (RFC 7515, section 2: base64url without padding, unused bits zero)
        tokens.put("padded", user.token() + "=");
        tokens.put("twice-padded", user.token() + "==");
        String canonical = sign(claims(db, user, c -> { }), key, kid);
        while (!canonical.substring(canonical.lastIndexOf('.')).matches(".*[-_].*")) {
            canonical = sign(claims(db, user, c -> { }), key, kid); // one signature in ~50 000 has neither
        }
        tokens.put("standard-alphabet", canonical.substring(0, canonical.lastIndexOf('.'))
                + canonical.substring(canonical.lastIndexOf('.')).replace('-', '+').replace('_', '/'));
        String base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = user.token().charAt(user.token().length() - 1);
        tokens.put("unused-bits", user.token().substring(0, user.token().length() - 1)
                + base64url.charAt(base64url.indexOf(last) | 1)); // a 256-byte signature leaves its last 4 bits unused
        tokens.put("issued-in-an-hour", sign(claims(db, user, c -> {
            c.put("iat", (Long) c.get("iat") + 3600);
            c.put("exp", (Long) c.get("iat") + 600);
        }), key, kid));
        tokens.forEach((name, token) -> values.put("token:" + name, token));

        fixture = new Fixture(user, admin, values);
        return fixture;
    }

    /** What the service itself would put in a token of this account, changed by {@code change}. */
    private static Map<String, Object> claims(TestDatabase db, Account account, Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = Jwts.serviceClaims(account.id(), account.email(), db.tokenCutOff(account.id()));
        change.accept(claims);
        return claims;
    }

    private static String sign(Map<String, Object> claims, PrivateKey key, String kid) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(JSON.writeValueAsString(claims));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(kid);
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic algorithm confusion: HS256 keyed with the published key set. */
    private static String hs256(Map<String, Object> claims, String jwks, String kid) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(JSON.writeValueAsString(claims));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKeyIdHeaderValue(kid);
            jws.setKey(new HmacKey(jwks.getBytes(StandardCharsets.UTF_8)));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Building cases
    // ------------------------------------------------------------------------------------------------------------

    /** Invalid UTF-8, each spliced into an otherwise valid body. */
    private static final Map<String, byte[]> INVALID_UTF8 = new LinkedHashMap<>();

    static {
        INVALID_UTF8.put("lone continuation byte", new byte[] { (byte) 0x80 });
        INVALID_UTF8.put("overlong slash", new byte[] { (byte) 0xC0, (byte) 0xAF });
        INVALID_UTF8.put("overlong NUL", new byte[] { (byte) 0xC0, (byte) 0x80 });
        INVALID_UTF8.put("three-byte overlong slash", new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0xAF });
        INVALID_UTF8.put("four-byte overlong slash", new byte[] { (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF });
        INVALID_UTF8.put("encoded surrogate", new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
        INVALID_UTF8.put("0xFF", new byte[] { (byte) 0xFF });
        INVALID_UTF8.put("truncated sequence", new byte[] { (byte) 0xE2, (byte) 0x82 });
        INVALID_UTF8.put("beyond U+10FFFF", new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 });
    }

    private static Builder request(String method, String target) {
        return new Builder(method + " " + target, method, target);
    }

    private static Builder get(String name, String target) {
        return new Builder(name, "GET", target);
    }

    private static Builder post(String name, String target) {
        return new Builder(name, "POST", target);
    }

    private static Builder put(String name, String target) {
        return new Builder(name, "PUT", target);
    }

    private static Builder patch(String name, String target) {
        return new Builder(name, "PATCH", target);
    }

    private static Builder delete(String name, String target) {
        return new Builder(name, "DELETE", target);
    }

    private static final class Builder {

        private final String name;
        private final String method;
        private final String target;
        private final List<Header> headers = new ArrayList<>();
        private byte[] body;

        Builder(String name, String method, String target) {
            this.name = name;
            this.method = method;
            this.target = target;
        }

        Builder header(String header, String value) {
            headers.add(new Header(header, value));
            return this;
        }

        Builder bearer(String token) {
            return header("Authorization", "Bearer {token:" + token + "}");
        }

        /** A body with this Content-Type, or none at all for {@code null}. */
        Builder body(String contentType, byte[] content) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            body = content;
            return this;
        }

        Builder json(String content) {
            return body("application/json", bytes(content));
        }

        Builder json(byte[] content) {
            return body("application/json", content);
        }

        Builder mergePatch(String content) {
            return body(MERGE_PATCH, bytes(content));
        }

        Builder mergePatch(byte[] content) {
            return body(MERGE_PATCH, content);
        }

        Builder form(String content) {
            return form(bytes(content));
        }

        Builder form(byte[] content) {
            return body("application/x-www-form-urlencoded", content);
        }

        /** Refused with a problem; the users table does not change. */
        Case expect(int status) {
            return expect(status, Answer.PROBLEM, UNCHANGED);
        }

        /** Refused before the application, without a body; the users table does not change. */
        Case expectBare(int status) {
            return expect(status, Answer.BARE, UNCHANGED);
        }

        Case expect(int status, Answer answer, Consumer<Result> outcome) {
            return new Case(name + " -> " + status, method, target, List.copyOf(headers), body, status, answer, outcome);
        }
    }

    /** {@code json}, an object, with {@code member} put first. */
    private static String withFirst(String json, String member) {
        return "{" + member + ", " + json.substring(1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        outer:
        while (i < haystack.length) {
            if (i <= haystack.length - needle.length) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        out.write(haystack[i++]);
                        continue outer;
                    }
                }
                out.writeBytes(replacement);
                i += needle.length;
            } else {
                out.write(haystack[i++]);
            }
        }
        return out.toByteArray();
    }
}
