package com.ecommerce.users.login;

/**
 * A login's second step failed: a wrong code ({@code wrongCode}; the mfa_token lives on until its failure limit), or an
 * mfa_token that is unknown, expired, used, dead of wrong codes, or bound to a password changed since.
 */
public class SecondStepFailedException extends RuntimeException {

    private final boolean wrongCode;

    public SecondStepFailedException(boolean wrongCode) {
        super(null, null, false, false);
        this.wrongCode = wrongCode;
    }

    public boolean wrongCode() {
        return wrongCode;
    }
}
