package com.ecommerce.users.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the parts of a compact JWS without verifying it, and makes the claims of one to sign in tests. */
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

    /**
     * What the service itself would put in a token of this user-role account, valid for 10 min; dated no earlier than
     * the account's token cut-off (TestDatabase#tokenCutOff), as the service dates its own.
     */
    public static Map<String, Object> serviceClaims(int accountId, String email, long tokenCutOff) {
        long now = Math.max(Instant.now().getEpochSecond(), tokenCutOff);
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", issuer());
        claims.put("aud", "ecommerce");
        claims.put("sub", Integer.toString(accountId));
        claims.put("upn", email);
        claims.put("groups", List.of("user"));
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** The issuer of the in-process service (users.jwt.issuer of the test profile). */
    public static String issuer() {
        return ConfigProvider.getConfig().getValue("users.jwt.issuer", String.class);
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
