package com.ecommerce.users.login;

/** The right password of an account with a second factor: the login continues at /auth/login/mfa with this token. */
public class MfaRequiredException extends RuntimeException {

    private final transient String mfaToken;

    public MfaRequiredException(String mfaToken) {
        super(null, null, false, false); // no message: the token must not reach a log
        this.mfaToken = mfaToken;
    }

    public String mfaToken() {
        return mfaToken;
    }
}
