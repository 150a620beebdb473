package com.ecommerce.users.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * RFC 6238, Appendix B: the tests' own implementation ({@link Rfc6238}) yields the published codes, and the service's
 * ({@link TotpCodes}, java-otp) agrees with it for SHA-1, the algorithm authenticator apps use.
 */
class TotpVectorsTests {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234"
            .getBytes(StandardCharsets.US_ASCII);
    private static final long[] TIMES = { 59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L };
    private static final String[] SHA1 = { "94287082", "07081804", "14050471", "89005924", "69279037", "65353130" };
    private static final String[] SHA256 = { "46119246", "68084774", "67062674", "91819424", "90698825", "77737706" };
    private static final String[] SHA512 = { "90693936", "25091201", "99943326", "93441116", "38618901", "47863826" };

    @Test
    void theTestImplementationYieldsTheRfcVectors() {
        for (int i = 0; i < TIMES.length; i++) {
            long step = Rfc6238.step(TIMES[i]);
            assertThat(Rfc6238.code(SHA1_SEED, step, "HmacSHA1", 8)).isEqualTo(SHA1[i]);
            assertThat(Rfc6238.code(SHA256_SEED, step, "HmacSHA256", 8)).isEqualTo(SHA256[i]);
            assertThat(Rfc6238.code(SHA512_SEED, step, "HmacSHA512", 8)).isEqualTo(SHA512[i]);
        }
    }

    @Test
    void theServiceAgreesWithTheTestImplementation() {
        TotpCodes service = new TotpCodes(new TotpClock());
        for (long time : TIMES) {
            long step = Rfc6238.step(time);
            assertThat(service.code(SHA1_SEED, step)).isEqualTo(Rfc6238.code(SHA1_SEED, step))
                    .isEqualTo(SHA1[indexOf(time)].substring(2)); // the 6-digit code is the 8-digit one's last six
        }
    }

    @Test
    void base32RoundTrips() {
        byte[] secret = TotpCodes.newSecret();
        String text = TotpCodes.base32(secret);
        assertThat(text).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Rfc6238.base32(text)).isEqualTo(secret);
        assertThat(Rfc6238.base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(SHA1_SEED);
    }

    private static int indexOf(long time) {
        for (int i = 0; i < TIMES.length; i++) {
            if (TIMES[i] == time) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }
}
