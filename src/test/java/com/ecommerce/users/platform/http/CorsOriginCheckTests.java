package com.ecommerce.users.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorsOriginCheckTests {

    @Test
    void exactOriginsPass() {
        assertThat(CorsOriginCheck.invalid(List.of("https://shop.example.com", "http://localhost:3000",
                "https://127.0.0.1:8443", "http://[::1]:5173"))).isEmpty();
    }

    @Test
    void wildcardsPatternsAndWhatNeverMatchesAreRefused() {
        List<String> refused = List.of("*", "/.*/", "/https://.*\\.example\\.com/", "https://*.example.com",
                "https://shop.example.com/", "https://shop.example.com/app", "https://Shop.example.com",
                "shop.example.com", " https://shop.example.com", "null", "ftp://shop.example.com", "");
        assertThat(CorsOriginCheck.invalid(refused)).containsExactlyElementsOf(refused);
    }
}
