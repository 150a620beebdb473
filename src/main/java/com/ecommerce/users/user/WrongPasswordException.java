package com.ecommerce.users.user;

/** The current password given to change it is wrong, or its guesses are throttled (HTTP 403). */
public class WrongPasswordException extends RuntimeException {

    public WrongPasswordException() {
        super("Current password is wrong", null, false, false);
    }
}
