package com.ecommerce.users.mfa;

/** The account has a confirmed second factor already: turn it off first to enrol another. */
public class MfaAlreadyEnabledException extends RuntimeException {

    public MfaAlreadyEnabledException() {
        super(null, null, false, false);
    }
}
