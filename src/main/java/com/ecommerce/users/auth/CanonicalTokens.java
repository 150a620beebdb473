package com.ecommerce.users.auth;

/**
 * The one spelling of a compact JWS (RFC 7515, section 7.1): each part in base64url without padding (section 2), and
 * so with the unused low bits of a part's last character zero (RFC 4648, sections 3.5 and 5). jose4j decodes more
 * leniently ({@code =} padding, the {@code +/} alphabet, any unused bits), so one signed token would have several
 * spellings, each a different string to the verified-token cache, to logs and to any list of refused tokens.
 */
final class CanonicalTokens {

    private CanonicalTokens() {
    }

    /** Whether every part of {@code token}, split at its dots, is canonical base64url; the parser judges the rest. */
    static boolean isCanonical(String token) {
        int partStart = 0;
        for (int i = 0; i <= token.length(); i++) {
            if (i == token.length() || token.charAt(i) == '.') {
                if (!endsCanonically(token, partStart, i)) {
                    return false;
                }
                partStart = i + 1;
            } else if (value(token.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** 4n characters hold 3n bytes; 4n+2 one more byte (4 unused bits), 4n+3 two more (2 unused); 4n+1 none. */
    private static boolean endsCanonically(String token, int start, int end) {
        int unusedBits = switch ((end - start) % 4) {
            case 0 -> 0;
            case 2 -> 4;
            case 3 -> 2;
            default -> -1;
        };
        return unusedBits == 0 || unusedBits > 0 && (value(token.charAt(end - 1)) & ((1 << unusedBits) - 1)) == 0;
    }

    /** The 6-bit value of a base64url character (RFC 4648, table 2); -1 for any other character. */
    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}
