package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PasswordHasherTests {

    private final PasswordHasher hasher = PasswordTestSupport.hasher();

    @Test
    void hashesWithOwaspDefaults() {
        String hash = hasher.hash("correct horse battery staple");

        Argon2Hash parsed = Argon2Hash.parse(hash);
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(parsed.salt()).hasSize(16);
        assertThat(parsed.hash()).hasSize(32);
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void parametersAreConfigurable() {
        PasswordHasher custom = PasswordTestSupport.hasher(Map.of(
                "users.password.argon2.memory-kib", "8192",
                "users.password.argon2.iterations", "3",
                "users.password.argon2.parallelism", "2",
                "users.password.argon2.salt-length", "24",
                "users.password.argon2.hash-length", "48"));

        Argon2Hash parsed = Argon2Hash.parse(custom.hash("secret123"));

        assertThat(parsed.memoryKib()).isEqualTo(8192);
        assertThat(parsed.iterations()).isEqualTo(3);
        assertThat(parsed.parallelism()).isEqualTo(2);
        assertThat(parsed.salt()).hasSize(24);
        assertThat(parsed.hash()).hasSize(48);
        assertThat(custom.verify("secret123", parsed.toString())).isTrue();
    }

    @Test
    void needsRehashWhenWeakerThanCurrentSettings() {
        String current = hasher.hash("secret123");
        Argon2Hash c = Argon2Hash.parse(current);

        assertThat(hasher.needsRehash(with(c, Argon2Hash.Type.ARGON2I, c.memoryKib(), c.iterations(), c.hash().length))).isTrue();
        assertThat(hasher.needsRehash(with(c, c.type(), 8192, c.iterations(), c.hash().length))).isTrue();
        assertThat(hasher.needsRehash(with(c, c.type(), c.memoryKib(), 1, c.hash().length))).isTrue();
        assertThat(hasher.needsRehash(with(c, c.type(), c.memoryKib(), c.iterations(), 16))).isTrue();
        assertThat(hasher.needsRehash(with(c, c.type(), 65536, 3, 32))).as("stronger").isFalse();
        assertThat(hasher.needsRehash("$2b$05$YxXgIeo7RIUI9jv0pSCJ4.R3oGfS6aHZSxGE7INirqP/u1jdyLkcW")).isTrue();
        assertThat(hasher.needsRehash("garbage")).isTrue();
    }

    @Test
    void refusesStoredHashesBeyondTheAcceptedParameters() {
        String absurd = "$argon2id$v=19$m=2147483647,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA";
        assertThatThrownBy(() -> hasher.verify("secret123", absurd))
                .isInstanceOf(InvalidPasswordHashException.class)
                .hasMessageNotContaining(absurd);
        assertThatThrownBy(() -> hasher.verify("secret123", "$argon2id$v=19$m=19456,t=1000000,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOf(InvalidPasswordHashException.class);
    }

    @Test
    void refusesUnknownAndMalformedFormats() {
        for (String stored : new String[] { "", "plaintext", "$argon2d$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
                "$2x$05$YxXgIeo7RIUI9jv0pSCJ4.R3oGfS6aHZSxGE7INirqP/u1jdyLkcW", "$2b$05$tooShort",
                "$1$saltsalt$hash", "$argon2id$v=19$m=19456,t=2,p=1$!!!$AAAA" }) {
            assertThatThrownBy(() -> hasher.verify("secret123", stored))
                    .as(stored).isInstanceOf(InvalidPasswordHashException.class);
        }
    }

    @Test
    void bcryptWithACorruptSaltIsAnInvalidHashNotACrash() {
        String corrupt = "$2b$05$" + "*".repeat(53);
        assertThatThrownBy(() -> hasher.verify("secret123", corrupt))
                .isInstanceOf(InvalidPasswordHashException.class)
                .hasMessageNotContaining(corrupt);
    }

    @Test
    void refusesBcryptCostsBeyondTheAcceptedOneInsteadOfLoopingForDays() {
        // cost 30 is 2^30 rounds: days of CPU in one hashing slot
        for (String cost : new String[] { "15", "30", "99", "1x", "-1" }) {
            String stored = "$2b$" + cost + "$" + "a".repeat(53);
            assertThatThrownBy(() -> hasher.verify("secret123", stored))
                    .as(stored).isInstanceOf(InvalidPasswordHashException.class);
        }
        PasswordHasher lenient = PasswordTestSupport.hasher(Map.of("users.password.accepted.max-bcrypt-cost", "5"));
        assertThatCode(() -> lenient.verify("secret123", "$2b$05$YxXgIeo7RIUI9jv0pSCJ4.R3oGfS6aHZSxGE7INirqP/u1jdyLkcW"))
                .doesNotThrowAnyException();
        PasswordHasher strict = PasswordTestSupport.hasher(Map.of("users.password.accepted.max-bcrypt-cost", "4"));
        assertThatThrownBy(() -> strict.verify("secret123", "$2b$05$YxXgIeo7RIUI9jv0pSCJ4.R3oGfS6aHZSxGE7INirqP/u1jdyLkcW"))
                .isInstanceOf(InvalidPasswordHashException.class);
    }

    private static String with(Argon2Hash c, Argon2Hash.Type type, int memory, int iterations, int hashLength) {
        return new Argon2Hash(type, c.version(), memory, iterations, c.parallelism(), c.salt(), new byte[hashLength]).toString();
    }
}
