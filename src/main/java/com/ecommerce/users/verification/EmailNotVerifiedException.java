package com.ecommerce.users.verification;

/** A login with the right password to an account whose address is not verified, while verification is required: 403. */
public class EmailNotVerifiedException extends RuntimeException {

    public EmailNotVerifiedException() {
        super("email not verified", null, false, false);
    }
}
