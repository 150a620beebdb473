package com.ecommerce.users.mfa;

/** The current password given to enrol, turn off or renew a second factor is wrong (or throttled). */
public class PasswordNotConfirmedException extends RuntimeException {

    public PasswordNotConfirmedException() {
        super(null, null, false, false);
    }
}
