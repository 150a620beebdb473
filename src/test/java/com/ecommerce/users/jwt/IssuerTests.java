package com.ecommerce.users.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The issuer is a URL: https in production, http allowed in dev and test mode; nothing else starts. */
class IssuerTests {

    @Test
    void productionAcceptsAnHttpsUrlOnly() {
        assertThat(new Issuer(Optional.of("https://users.example.com"), true).value()).isEqualTo("https://users.example.com");
        assertThat(new Issuer(Optional.of("https://api.example.com/users"), true).endpoint("/auth/introspect"))
                .isEqualTo("https://api.example.com/users/auth/introspect");
        for (String issuer : new String[] { "http://users.example.com", "user-service", "https://users.example.com/",
                "https://users.example.com?realm=x", "https://users.example.com#x", "https://user:pw@users.example.com",
                "https:///path", "", "ftp://users.example.com" }) {
            assertThatThrownBy(() -> new Issuer(Optional.of(issuer), true)).as(issuer)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("users.jwt.issuer").hasMessageContaining("https URL")
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> new Issuer(Optional.empty(), true)).hasMessageContaining("USERS_JWT_ISSUER");
    }

    @Test
    void devAndTestModeAcceptHttpToo() {
        assertThat(new Issuer(Optional.of("http://localhost:8080"), false).value()).isEqualTo("http://localhost:8080");
        assertThatThrownBy(() -> new Issuer(Optional.of("user-service"), false)).isInstanceOf(IllegalStateException.class);
    }
}
