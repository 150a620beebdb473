package com.ecommerce.users.mfa;

/** A sensitive change of an account with a second factor came without a code. */
public class MfaCodeRequiredException extends RuntimeException {

    public MfaCodeRequiredException() {
        super(null, null, false, false);
    }
}
