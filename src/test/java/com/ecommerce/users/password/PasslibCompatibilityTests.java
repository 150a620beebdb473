package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Byte compatibility with passlib 1.7.4 + argon2-cffi, on vectors that the real libraries made
 * (src/test/resources/password-vectors/generate.py), for each Argon2 implementation (libargon2 must be installed).
 */
class PasslibCompatibilityTests {

    private static final JsonNode VECTORS = load();
    private static final List<Argon2Implementation> IMPLEMENTATIONS = List.of(PasswordTestSupport.libargon2(),
            new BouncyCastleArgon2());
    private final PasswordHasher hasher = PasswordTestSupport.hasher();

    static Stream<JsonNode> verifyVectors() {
        return stream(VECTORS.get("verify"));
    }

    static Stream<JsonNode> exactVectors() {
        return stream(VECTORS.get("exact"));
    }

    static Stream<Arguments> verifyVectorsByImplementation() {
        return IMPLEMENTATIONS.stream().flatMap(i -> verifyVectors().map(v -> Arguments.of(i.name(), i, v)));
    }

    static Stream<Arguments> exactVectorsByImplementation() {
        return IMPLEMENTATIONS.stream().flatMap(i -> exactVectors().map(v -> Arguments.of(i.name(), i, v)));
    }

    /** passlib -> service: every hash passlib wrote verifies, with the right password only. */
    @ParameterizedTest(name = "{index}: {0} {2}")
    @MethodSource("verifyVectorsByImplementation")
    void verifiesWhatPasslibWrote(String name, Argon2Implementation implementation, JsonNode vector) {
        PasswordHasher hasher = PasswordTestSupport.hasher(implementation);
        String hash = vector.get("hash").asText();
        assertThat(hasher.verify(vector.get("password").asText(), hash)).isTrue();
        assertThat(hasher.verify(vector.get("wrongPassword").asText(), hash)).isFalse();
    }

    /**
     * service -> passlib: given passlib's salt and parameters, the service writes the very same PHC string, so
     * passlib (and the FastAPI app) verifies every hash the service writes.
     */
    @ParameterizedTest(name = "{index}: {0} {2}")
    @MethodSource("exactVectorsByImplementation")
    void writesWhatPasslibWrites(String name, Argon2Implementation implementation, JsonNode vector) {
        Argon2Hash expected = Argon2Hash.parse(vector.get("hash").asText());
        Argon2Hash params = new Argon2Hash(
                vector.get("type").asText().equals("argon2id") ? Argon2Hash.Type.ARGON2ID : Argon2Hash.Type.ARGON2I,
                Argon2Hash.VERSION_13, vector.get("m").asInt(), vector.get("t").asInt(), vector.get("p").asInt(),
                Base64.getDecoder().decode(vector.get("saltBase64").asText()), new byte[vector.get("hashLength").asInt()]);

        byte[] digest = implementation.compute(params,
                vector.get("password").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String written = new Argon2Hash(params.type(), params.version(), params.memoryKib(), params.iterations(),
                params.parallelism(), params.salt(), digest).toString();

        assertThat(written).isEqualTo(vector.get("hash").asText());
        assertThat(Argon2Hash.parse(written)).isEqualTo(expected);
    }

    @Test
    void vectorsCoverEverySchemeTheIssueNames() {
        List<String> schemes = verifyVectors().map(v -> v.get("scheme").asText()).distinct().toList();
        assertThat(schemes).contains("passlib-default", "argon2i", "argon2id-v16", "bcrypt-2a", "bcrypt-2b", "bcrypt-2y");
        assertThat(exactVectors().map(v -> v.get("m").asInt())).contains(19456, 102400);
    }

    @Test
    void theFastApiExampleHashIsWhatPasslibDefaultsProduce() {
        Argon2Hash example = Argon2Hash.parse("$argon2id$v=19$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw");
        assertThat(example.type()).isEqualTo(Argon2Hash.Type.ARGON2ID);
        assertThat(example.memoryKib()).isEqualTo(102400);
        assertThat(example.parallelism()).isEqualTo(8);
        assertThat(example.salt()).hasSize(16);
        assertThat(example.hash()).hasSize(16);
        assertThat(hasher.needsRehash(example.toString())).isTrue();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    private static JsonNode load() {
        try (InputStream in = PasslibCompatibilityTests.class.getResourceAsStream("/password-vectors/passlib-vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
