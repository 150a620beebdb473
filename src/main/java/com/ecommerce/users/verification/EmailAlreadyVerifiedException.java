package com.ecommerce.users.verification;

/** A resend for an account whose current address is verified already: 409. */
public class EmailAlreadyVerifiedException extends RuntimeException {

    public EmailAlreadyVerifiedException() {
        super("email already verified", null, false, false);
    }
}
