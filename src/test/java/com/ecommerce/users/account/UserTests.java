package com.ecommerce.users.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class UserTests {

    @Test
    void eachPasswordChangeMovesTheTokenCutOffPastEveryTokenIssuedBefore() {
        User user = new User();
        Instant before = Instant.now();

        user.changePassword("h1");
        Instant first = user.passwordChangedAt;
        user.changePassword("h2");
        Instant second = user.passwordChangedAt;

        assertThat(first.getNano()).isZero();
        assertThat(first).isAfter(before);
        // a token issued between the two changes has an iat of at most the first cut-off
        assertThat(second).isAfterOrEqualTo(first.plusSeconds(1));
        assertThat(user.passwordHash).isEqualTo("h2");
    }
}
