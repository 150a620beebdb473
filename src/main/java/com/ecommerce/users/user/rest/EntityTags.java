package com.ecommerce.users.user.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import jakarta.ws.rs.core.EntityTag;

import com.ecommerce.users.problem.InvalidRequestException;
import com.ecommerce.users.user.User;

/** An account's ETag is its optimistic-locking version; If-Match compares with it strongly (RFC 9110 13.1.1). */
final class EntityTags {

    private EntityTags() {
    }

    static EntityTag of(User user) {
        return new EntityTag(Long.toString(user.version));
    }

    /**
     * The versions an {@code If-Match} header accepts: {@code null} when absent, any version for {@code *}.
     * Weak tags never match a strong comparison.
     *
     * @throws InvalidRequestException when the header is not a list of entity tags
     */
    static LongPredicate ifMatch(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return version -> true;
        }
        List<Long> versions = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String tag = part.strip();
            boolean weak = tag.startsWith("W/");
            String quoted = weak ? tag.substring(2) : tag;
            if (quoted.length() < 2 || quoted.length() > 64 || quoted.charAt(0) != '"'
                    || quoted.charAt(quoted.length() - 1) != '"' || quoted.substring(1, quoted.length() - 1).contains("\"")) {
                throw new InvalidRequestException("If-Match", "must be * or a list of entity tags");
            }
            String opaque = quoted.substring(1, quoted.length() - 1);
            if (!weak && !opaque.isEmpty() && opaque.length() <= 19 && opaque.chars().allMatch(Character::isDigit)) {
                versions.add(Long.parseLong(opaque));
            }
        }
        return versions::contains;
    }
}
