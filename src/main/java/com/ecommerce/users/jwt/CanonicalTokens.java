package com.ecommerce.users.jwt;

import java.util.Base64;

/**
 * The one spelling of a compact JWS (RFC 7515, section 7.1): each part in base64url without padding (section 2), and
 * so with the unused low bits of a part's last character zero (RFC 4648, sections 3.5 and 5). jose4j decodes more
 * leniently ({@code =} padding, the {@code +/} alphabet, any unused bits), so one signed token would have several
 * spellings, each a different string to the verified-token cache, to logs and to any list of refused tokens.
 */
final class CanonicalTokens {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CanonicalTokens() {
    }

    /**
     * Whether every part of {@code token}, split at its dots, is canonical base64url: it decodes in the URL alphabet
     * and encodes back, unpadded, to exactly itself. The parser judges the rest.
     */
    static boolean isCanonical(String token) {
        for (String part : token.split("\\.", -1)) {
            try {
                if (!ENCODER.encodeToString(DECODER.decode(part)).equals(part)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false; // outside the URL alphabet, or a length no base64 has
            }
        }
        return true;
    }
}
