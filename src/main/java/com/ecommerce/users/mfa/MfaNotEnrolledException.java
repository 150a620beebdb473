package com.ecommerce.users.mfa;

/** A confirmation without a pending secret, or a change of a factor the account does not have. */
public class MfaNotEnrolledException extends RuntimeException {

    public MfaNotEnrolledException() {
        super(null, null, false, false);
    }
}
