package com.ecommerce.users.mfa;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.util.encoders.Base32;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * RFC 6238 codes as every authenticator app makes them: HMAC-SHA-1, 6 digits, 30-second steps, 160-bit secrets shown
 * in base32. A code is checked against the current step and one step either side (clock skew, RFC 6238 section 5.2);
 * which step matched is returned, so the caller can refuse it a second time.
 */
@ApplicationScoped
public class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    static final String ALGORITHM = "HmacSHA1";
    /** Steps accepted either side of the current one. */
    static final int SKEW_STEPS = 1;
    private static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS,
            ALGORITHM);
    private final TotpClock clock;

    TotpCodes(TotpClock clock) {
        this.clock = clock;
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as an authenticator app reads it: base32 (RFC 4648) without padding (160 bits are 32 characters). */
    public static String base32(byte[] secret) {
        return Base32.toBase32String(secret).replace("=", "");
    }

    /** The code of {@code secret} for time step {@code step}. */
    String code(byte[] secret, long step) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, ALGORITHM),
                    Instant.ofEpochSecond(step * STEP.toSeconds()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA-1 key of any length is valid", e);
        }
    }

    /**
     * The time step within the skew window whose code {@code code} is, if it is later than {@code lastUsedStep}
     * (null: none used yet). Each candidate is compared in constant time.
     */
    public OptionalLong matchingStep(byte[] secret, String code, Long lastUsedStep) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = clock.now().getEpochSecond() / STEP.toSeconds();
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        OptionalLong matched = OptionalLong.empty();
        for (long step = current - SKEW_STEPS; step <= current + SKEW_STEPS; step++) {
            boolean equal = MessageDigest.isEqual(given, code(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (equal && (lastUsedStep == null || step > lastUsedStep) && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }
}
