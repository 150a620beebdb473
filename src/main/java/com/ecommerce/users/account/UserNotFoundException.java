package com.ecommerce.users.account;

/** No account with that id, or none the caller may see (HTTP 404). */
public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException() {
        super("User not found", null, false, false);
    }
}
