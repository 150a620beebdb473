package com.ecommerce.users.user.rest;

import jakarta.ws.rs.NotFoundException;

/**
 * The {@code {id}} of {@code /users/{id}}, parsed by hand: JAX-RS would convert it with Integer.valueOf, which takes
 * "+5", "007" and non-ASCII digits such as "٥" as ids. Here an id is its canonical decimal form only, one path per
 * account; anything else names no resource, the same 404 problem as any unknown path.
 */
final class AccountIds {

    /** Integer.MAX_VALUE has 10 digits. */
    private static final int MAX_DIGITS = 10;

    private AccountIds() {
    }

    /** @throws NotFoundException unless {@code text} is ASCII digits without a leading zero, within int range */
    static int parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS || (text.charAt(0) == '0' && text.length() > 1)) {
            throw new NotFoundException();
        }
        long id = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NotFoundException();
            }
            id = id * 10 + (c - '0');
        }
        if (id > Integer.MAX_VALUE) {
            throw new NotFoundException();
        }
        return (int) id;
    }
}
