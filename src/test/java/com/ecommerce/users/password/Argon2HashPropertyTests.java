package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.RandomInputs;

/**
 * The PHC parser reads what is in the database, which an import or an attacker with write access may have filled:
 * whatever it is given, it answers with a hash or the documented {@link InvalidPasswordHashException}, and what it
 * writes it reads back unchanged. Thousands of generated inputs per property, from fixed seeds.
 */
class Argon2HashPropertyTests {

    private static final PasswordHasher HASHER = PasswordTestSupport.hasher();

    @Test
    void arbitraryTextIsAHashOrTheDocumentedError() {
        RandomInputs inputs = new RandomInputs(1);
        for (int i = 0; i < 3000; i++) {
            String text = inputs.text(300);
            assertParsesOrRejects(text);
            assertParsesOrRejects("$argon2id$" + text);
            assertParsesOrRejects("$argon2id$v=19$" + text);
        }
    }

    @Test
    void mutatedValidHashesAreAHashOrTheDocumentedError() {
        RandomInputs inputs = new RandomInputs(2);
        for (int i = 0; i < 3000; i++) {
            String valid = hash(inputs).toString();
            int at = inputs.between(0, valid.length() - 1);
            char replacement = inputs.anyChar();
            assertParsesOrRejects(valid.substring(0, at) + replacement + valid.substring(at + 1));
            assertParsesOrRejects(valid.substring(0, at));
            assertParsesOrRejects(valid + replacement);
            assertParsesOrRejects(valid.replace(",p=", ",p=9" + inputs.between(0, 99999)));
        }
    }

    @Test
    void whatIsWrittenIsReadBackUnchanged() {
        RandomInputs inputs = new RandomInputs(3);
        for (int i = 0; i < 2000; i++) {
            Argon2Hash hash = hash(inputs);
            Argon2Hash read = Argon2Hash.parse(hash.toString());
            assertThat(read.type()).isEqualTo(hash.type());
            assertThat(read.version()).isEqualTo(hash.version());
            assertThat(read.memoryKib()).isEqualTo(hash.memoryKib());
            assertThat(read.iterations()).isEqualTo(hash.iterations());
            assertThat(read.parallelism()).isEqualTo(hash.parallelism());
            assertThat(read.salt()).isEqualTo(hash.salt());
            assertThat(read.hash()).isEqualTo(hash.hash());
            assertThat(read.toString()).isEqualTo(hash.toString());
        }
    }

    /** verify() on a stored value it cannot use: false or the documented error, never another exception. */
    @Test
    void verifyNeverFailsOtherwiseOnStoredGarbage() {
        RandomInputs inputs = new RandomInputs(4);
        for (int i = 0; i < 500; i++) {
            String text = inputs.text(200);
            for (String candidate : new String[] { text, "$argon2id$" + text, "$2b$" + text, "$2a$10$" + text }) {
                assertThatCode(() -> {
                    try {
                        HASHER.verify("a password", candidate);
                    } catch (InvalidPasswordHashException expected) {
                        // documented
                    }
                }).as(candidate).doesNotThrowAnyException();
                assertThatCode(() -> HASHER.needsRehash(candidate)).as(candidate).doesNotThrowAnyException();
            }
        }
    }

    private static Argon2Hash hash(RandomInputs inputs) {
        int parallelism = inputs.between(1, 16);
        return new Argon2Hash(inputs.oneOf(Argon2Hash.Type.values()),
                inputs.oneOf(new Integer[] { Argon2Hash.VERSION_10, Argon2Hash.VERSION_13 }),
                8 * parallelism + inputs.between(0, 1 << 20), inputs.between(1, 10), parallelism,
                inputs.bytes(8, 64), inputs.bytes(4, 64));
    }

    private static void assertParsesOrRejects(String text) {
        assertThatCode(() -> {
            try {
                Argon2Hash parsed = Argon2Hash.parse(text);
                // anything accepted can be written and read back
                assertThat(Argon2Hash.parse(parsed.toString()).toString()).isEqualTo(parsed.toString());
            } catch (InvalidPasswordHashException expected) {
                // the documented answer
            }
        }).as(text).doesNotThrowAnyException();
    }
}
