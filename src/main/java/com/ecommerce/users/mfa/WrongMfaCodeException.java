package com.ecommerce.users.mfa;

/** A wrong, replayed or throttled code or recovery code (counted as a guess). */
public class WrongMfaCodeException extends RuntimeException {

    public WrongMfaCodeException() {
        super(null, null, false, false);
    }
}
