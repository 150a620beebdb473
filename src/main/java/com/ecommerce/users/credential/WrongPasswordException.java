package com.ecommerce.users.credential;

/**
 * The current password that a change of one's own account must come with (email, password, second factor) is wrong, or
 * its guesses are throttled: the {@code 403 wrong-password} of every such change ({@link CredentialProblems}).
 */
public class WrongPasswordException extends RuntimeException {

    public WrongPasswordException() {
        super("Current password is wrong", null, false, false);
    }
}
