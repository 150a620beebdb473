package com.ecommerce.users.user.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.ecommerce.users.platform.problem.InvalidRequestException;

/**
 * The opaque {@code after} cursor of the user listing: base64url of {@code id:<last id of the page>}. Opaque so
 * that clients do not build it, and so that its content can change without breaking them.
 */
final class PageCursor {

    private static final String PREFIX = "id:";
    private static final int MAX_LENGTH = 32;

    private PageCursor() {
    }

    static String encode(int lastId) {
        if (lastId < 1) {
            throw new IllegalArgumentException("ids start at 1");
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws InvalidRequestException for anything {@link #encode} cannot have produced */
    static int decode(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith(PREFIX)) {
            throw invalid();
        }
        String digits = text.substring(PREFIX.length());
        if (digits.isEmpty() || digits.length() > 10 || digits.charAt(0) == '0' || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid();
        }
        long id = Long.parseLong(digits);
        if (id > Integer.MAX_VALUE || !encode((int) id).equals(cursor)) {
            throw invalid(); // canonical form only: one cursor per position
        }
        return (int) id;
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("after", "is not a cursor this service issued");
    }
}
