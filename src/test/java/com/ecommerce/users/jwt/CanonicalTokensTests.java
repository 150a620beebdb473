package com.ecommerce.users.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The spellings of one token that the second attack found accepted, and their canonical forms. */
class CanonicalTokensTests {

    @Test
    void onlyUnpaddedBase64urlWithZeroUnusedBitsIsCanonical() {
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.YQ")).isTrue(); // "a"
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.-_8")).isTrue();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.")).as("an empty part").isTrue();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.YR")).as("a, unused bits set").isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.YQ=")).as("a, padded").isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.YQ==")).as("a, padded twice").isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.+/8")).as("the + and / alphabet").isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9=.e30.YQ")).as("a padded header").isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.Y")).as("a length no base64 has").isFalse();
        assertThat(CanonicalTokens.isCanonical("eyJhbGciOiJSUzI1NiJ9.e30.Y Q")).isFalse();
    }
}
