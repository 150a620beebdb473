package com.ecommerce.users.login;

import java.util.regex.Pattern;

import com.ecommerce.users.platform.crypto.SecretTokens;

/**
 * Opaque refresh tokens: {@link SecretTokens} (256 random bits, base64url, 43 characters), of which the database keeps
 * only the SHA-256 digest.
 */
final class RefreshTokens {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private RefreshTokens() {
    }

    /** Whether {@code token} could be one of ours; anything else is refused before the database is asked. */
    static boolean wellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches();
    }
}
