package com.ecommerce.users.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets mailed to accounts and the refresh tokens of sessions: 256 random bits as base64url (43 characters, safe
 * in a link), and the SHA-256 they are stored as. 256 random bits need no slow hash: nobody can guess one, so a fast digest of the table's content is
 * as good as a password hash, and looking a token up by its digest stays one index probe.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SecretTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The SHA-256 of the token's text, as stored in account_tokens.token_hash and refresh_tokens.token_hash. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
