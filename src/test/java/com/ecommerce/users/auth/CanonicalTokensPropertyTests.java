package com.ecommerce.users.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.RandomInputs;

/**
 * The canonical spelling of a token, against the JDK as the reference: a part is canonical exactly when it decodes as
 * base64url and encodes back, without padding, to itself. Thousands of tokens per property, from fixed seeds, most
 * of them one edit away from a canonical one.
 */
class CanonicalTokensPropertyTests {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    @Test
    void everyTokenOfCanonicalPartsIsCanonical() {
        RandomInputs inputs = new RandomInputs(21);
        for (int i = 0; i < 5000; i++) {
            String token = canonicalToken(inputs);
            assertThat(CanonicalTokens.isCanonical(token)).as(token).isTrue();
        }
    }

    @Test
    void aTokenIsCanonicalExactlyWhenEachPartRoundTrips() {
        RandomInputs inputs = new RandomInputs(22);
        for (int i = 0; i < 20_000; i++) {
            String token = edited(canonicalToken(inputs), inputs);
            assertThat(CanonicalTokens.isCanonical(token)).as(token).isEqualTo(roundTrips(token));
        }
    }

    @Test
    void anyTextIsJudgedLikeTheReference() {
        RandomInputs inputs = new RandomInputs(23);
        for (int i = 0; i < 5000; i++) {
            String text = inputs.text(40);
            assertThat(CanonicalTokens.isCanonical(text)).as(text).isEqualTo(roundTrips(text));
        }
    }

    @Test
    void theSpellingsOfTheAttackAreNotCanonical() {
        String token = canonicalToken(new RandomInputs(24));
        assertThat(CanonicalTokens.isCanonical(token + "=")).isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.YQ")).isTrue(); // "a"
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.YR")).as("a, unused bits set").isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.YQ==")).as("a, padded").isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.-_8")).isTrue();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.+/8")).as("the + and / alphabet").isFalse();
    }

    /** Three parts of random bytes (empty ones too), as the JDK encodes them. */
    private static String canonicalToken(RandomInputs inputs) {
        return ENCODER.encodeToString(inputs.bytes(0, 40)) + "." + ENCODER.encodeToString(inputs.bytes(0, 40)) + "."
                + ENCODER.encodeToString(inputs.bytes(0, 300));
    }

    /** One edit of the kind a lenient decoder forgives, or another one, at a random place. */
    private static String edited(String token, RandomInputs inputs) {
        int at = inputs.between(0, token.length());
        String inserted = inputs.oneOf(new String[] { "=", "==", "+", "/", "A", "-", ".", " ", "\u00e9", "\n" });
        return switch (inputs.between(0, 3)) {
            case 0 -> token.substring(0, at) + inserted + token.substring(at);
            case 1 -> at == token.length() ? token : token.substring(0, at) + token.substring(at + 1);
            case 2 -> {
                // another character where one was: within the last character's unused bits, often
                if (at == token.length() || ALPHABET.indexOf(token.charAt(at)) < 0) {
                    yield token;
                }
                int value = ALPHABET.indexOf(token.charAt(at)) ^ (1 << inputs.between(0, 5));
                yield token.substring(0, at) + ALPHABET.charAt(value) + token.substring(at + 1);
            }
            default -> token.replace(inputs.oneOf(new String[] { "-", "_" }), inputs.oneOf(new String[] { "+", "/" }));
        };
    }

    /** The reference: every part decodes, and encodes back to exactly itself. */
    private static boolean roundTrips(String token) {
        for (String part : token.split("\\.", -1)) {
            try {
                if (!ENCODER.encodeToString(Base64.getUrlDecoder().decode(part)).equals(part)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }
}
