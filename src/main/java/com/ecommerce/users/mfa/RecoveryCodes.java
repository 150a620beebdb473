package com.ecommerce.users.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.util.encoders.Base32;

import com.ecommerce.users.platform.crypto.SecretTokens;

/**
 * Recovery codes: 80 random bits each, written as four groups of four base32 characters ({@code abcd-efgh-ijkl-mnop}),
 * stored as the SHA-256 of their normal form (lower case, no separators). 80 bits need no slow hash: nobody
 * enumerates 2^80 candidates, and the guesses that reach the service are throttled.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] bits = new byte[10];
            RANDOM.nextBytes(bits);
            String plain = Base32.toBase32String(bits).toLowerCase(Locale.ROOT); // 16 characters, no padding
            codes.add(String.join("-", plain.substring(0, 4), plain.substring(4, 8), plain.substring(8, 12),
                    plain.substring(12, 16)));
        }
        return codes;
    }

    /** The stored form of a code as typed: case, spaces and dashes do not matter. */
    static byte[] hash(String code) {
        return SecretTokens.hash(code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT));
    }
}
