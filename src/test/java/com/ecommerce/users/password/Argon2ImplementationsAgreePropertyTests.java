package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.RandomInputs;

/**
 * libargon2 and Bouncy Castle write byte-identical PHC strings for the same password, salt and parameters, and
 * each verifies what the other wrote, on generated inputs from fixed seeds: Unicode passwords of 0 to 1024
 * characters, both types and versions, several memory, time and lane counts, salt and digest lengths. So a
 * replica that fell back to Bouncy Castle and one on libargon2 serve the same accounts.
 */
class Argon2ImplementationsAgreePropertyTests {

    private static final LibArgon2 LIBARGON2 = PasswordTestSupport.libargon2();
    private static final BouncyCastleArgon2 BOUNCY_CASTLE = new BouncyCastleArgon2();

    @Test
    void bothWriteTheSamePhcString() {
        RandomInputs inputs = new RandomInputs(11);
        for (int i = 0; i < 300; i++) {
            String password = password(inputs);
            Argon2Hash params = params(inputs);
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);

            String byLibargon2 = phc(params, LIBARGON2.compute(params, bytes));
            String byBouncyCastle = phc(params, BOUNCY_CASTLE.compute(params, bytes));

            assertThat(byLibargon2).as("%s, password of %d chars", params, password.length()).isEqualTo(byBouncyCastle);
        }
    }

    @Test
    void eachVerifiesWhatTheOtherWrote() {
        PasswordHasher libargon2 = PasswordTestSupport.hasher(LIBARGON2);
        PasswordHasher bouncyCastle = PasswordTestSupport.hasher(BOUNCY_CASTLE);
        RandomInputs inputs = new RandomInputs(12);
        for (int i = 0; i < 20; i++) {
            String password = password(inputs);
            String other = password + inputs.anyChar();

            String byLibargon2 = libargon2.hash(password);
            String byBouncyCastle = bouncyCastle.hash(password);

            assertThat(bouncyCastle.verify(password, byLibargon2)).isTrue();
            assertThat(bouncyCastle.verify(other, byLibargon2)).isFalse();
            assertThat(libargon2.verify(password, byBouncyCastle)).isTrue();
            assertThat(libargon2.verify(other, byBouncyCastle)).isFalse();
        }
    }

    /** 0 to 1024 characters, mostly short, of any plane: ASCII, accents, CJK, emoji (surrogate pairs). */
    private static String password(RandomInputs inputs) {
        int length = inputs.chance(10) ? inputs.between(0, 1024) : inputs.between(0, 40);
        StringBuilder password = new StringBuilder();
        while (password.length() < length) {
            int codePoint = switch (inputs.between(0, 3)) {
                case 0 -> inputs.between(0x20, 0x7e);
                case 1 -> inputs.between(0xa0, 0x24f);
                case 2 -> inputs.between(0x4e00, 0x9fff);
                default -> inputs.between(0x1f300, 0x1faff);
            };
            password.appendCodePoint(codePoint);
        }
        return password.length() > length ? password.substring(0, length - 1) : password.toString();
    }

    /** Small memory costs keep 300 hashes quick; lanes, passes and lengths cover what Argon2Hash admits. */
    private static Argon2Hash params(RandomInputs inputs) {
        int lanes = inputs.chance(3) ? inputs.between(2, 8) : 1;
        int memoryKib = 8 * lanes + inputs.between(0, inputs.chance(10) ? 8192 : 512);
        return new Argon2Hash(inputs.oneOf(Argon2Hash.Type.values()),
                inputs.oneOf(new Integer[] { Argon2Hash.VERSION_10, Argon2Hash.VERSION_13 }), memoryKib,
                inputs.between(1, 4), lanes, inputs.bytes(8, 64), new byte[inputs.between(4, 64)]);
    }

    private static String phc(Argon2Hash params, byte[] digest) {
        return new Argon2Hash(params.type(), params.version(), params.memoryKib(), params.iterations(),
                params.parallelism(), params.salt(), digest).toString();
    }
}
