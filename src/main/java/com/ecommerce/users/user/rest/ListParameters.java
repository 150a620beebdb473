package com.ecommerce.users.user.rest;

import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.PersonName;
import com.ecommerce.users.platform.problem.InvalidRequestException;

/**
 * Query parameters of {@code GET /users}, parsed by hand so that every bad value is a 400 naming it; the email filter
 * as its canonical key ({@link EmailAddress#lookupKey}), so any spelling of an address finds its account.
 */
record ListParameters(int limit, int afterId, String emailKey, String name) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final PersonName.Validator NAME = new PersonName.Validator();

    static ListParameters parse(String limit, String after, String email, String name) {
        return new ListParameters(limit(limit), after == null || after.isEmpty() ? 0 : PageCursor.decode(after),
                email(email), name(name));
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (text.length() <= 3 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        }
        throw new InvalidRequestException("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    private static String email(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return EmailAddress.lookupKey(text).map(EmailAddress.Key::canonical).orElseThrow(() -> new InvalidRequestException(
                "email", "must be an email address of at most 255 characters, without invisible characters"));
    }

    private static String name(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String name = text.strip();
        if (!NAME.isValid(name, null)) {
            throw new InvalidRequestException("name", "must be 1 to 50 characters without control characters");
        }
        return name;
    }
}
