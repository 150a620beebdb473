package com.ecommerce.users.password;

/**
 * A stored password hash that cannot be verified: not a supported format, malformed, or with parameters
 * beyond the configured bounds. The message never contains the hash itself.
 */
public class InvalidPasswordHashException extends IllegalArgumentException {

    public InvalidPasswordHashException(String reason) {
        super(reason);
    }
}
