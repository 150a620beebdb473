package com.ecommerce.users.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the parts of a compact JWS without verifying it. */
public final class Jwts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwts() {
    }

    public static Map<String, Object> header(String token) {
        return part(token, 0);
    }

    public static Map<String, Object> claims(String token) {
        return part(token, 1);
    }

    public static String encode(Map<String, Object> json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> part(String token, int index) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[index]);
            return JSON.readValue(new String(json, StandardCharsets.UTF_8), new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
