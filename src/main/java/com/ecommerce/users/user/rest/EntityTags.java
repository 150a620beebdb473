package com.ecommerce.users.user.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;

import com.ecommerce.users.account.User;
import com.ecommerce.users.platform.problem.InvalidRequestException;

/**
 * An account's ETag is its optimistic-locking version; If-Match compares with it strongly (RFC 9110 13.1.1).
 * Tags are opaque text, compared character for character with the version's decimal form (8.8.3.2): nothing is
 * parsed as a number, so "007", "+7" or non-ASCII digits never match version 7, and no length overflows anything.
 */
final class EntityTags {

    /** Far above any tag this service issues (a long has 20 characters at most), far below the header limit. */
    static final int MAX_TAG_LENGTH = 64;
    static final int MAX_TAGS = 16;
    /** Every tag at its longest, weak, with a comma and a space between each. */
    static final int MAX_HEADER_LENGTH = MAX_TAGS * (MAX_TAG_LENGTH + 6);

    private EntityTags() {
    }

    static EntityTag of(User user) {
        return new EntityTag(Long.toString(user.version));
    }

    /**
     * The request's If-Match, every field line, empty ones included: @HeaderParam drops empty values, which would turn
     * an empty If-Match into an unconditional change.
     */
    static LongPredicate ifMatch(HttpHeaders headers) {
        return ifMatch(headers.getRequestHeader(HttpHeaders.IF_MATCH));
    }

    /**
     * The versions an {@code If-Match} header accepts: {@code null} when absent, any version for {@code *}. Weak
     * tags are well-formed but never match a strong comparison. Takes every field line: an empty one is a malformed
     * header, not an absent one, and several lines are one list (RFC 9110 5.3).
     *
     * @throws InvalidRequestException when the header is not {@code *} or a list of entity tags, or is too long
     */
    static LongPredicate ifMatch(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        int length = lines.size() - 1;
        for (String line : lines) {
            length += line.length();
        }
        if (length > MAX_HEADER_LENGTH) {
            throw malformed(); // before any work on it
        }
        String header = String.join(",", lines);
        int i = 0;
        int end = header.length();
        while (end > 0 && isWhitespace(header.charAt(end - 1))) {
            end--;
        }
        while (i < end && isWhitespace(header.charAt(i))) {
            i++;
        }
        if (end - i == 1 && header.charAt(i) == '*') {
            return version -> true;
        }
        List<String> strong = new ArrayList<>();
        int tags = 0;
        while (true) {
            // empty list elements and the whitespace around elements are ignored (RFC 9110 5.6.1)
            while (i < end && (isWhitespace(header.charAt(i)) || header.charAt(i) == ',')) {
                i++;
            }
            if (i == end) {
                break;
            }
            boolean weak = header.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= end || header.charAt(open) != '"') {
                throw malformed();
            }
            int close = open + 1;
            while (close < end && header.charAt(close) != '"') {
                if (!isEtagc(header.charAt(close))) {
                    throw malformed();
                }
                close++;
            }
            if (close == end || close - open - 1 > MAX_TAG_LENGTH || ++tags > MAX_TAGS) {
                throw malformed();
            }
            if (!weak) {
                strong.add(header.substring(open + 1, close));
            }
            i = close + 1;
            while (i < end && isWhitespace(header.charAt(i))) {
                i++;
            }
            if (i < end && header.charAt(i) != ',') {
                throw malformed(); // something after a tag other than the next one
            }
        }
        if (tags == 0) {
            throw malformed(); // "*" or at least one entity tag
        }
        return version -> strong.contains(Long.toString(version));
    }

    /** {@code etagc = %x21 / %x23-7E / obs-text}: header bytes arrive as ISO-8859-1 characters. */
    private static boolean isEtagc(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    /** OWS: spaces and tabs only (RFC 9110 5.6.3), not what Character.isWhitespace means. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static InvalidRequestException malformed() {
        return new InvalidRequestException("If-Match", "must be * or a list of at most " + MAX_TAGS
                + " entity tags of at most " + MAX_TAG_LENGTH + " characters");
    }
}
