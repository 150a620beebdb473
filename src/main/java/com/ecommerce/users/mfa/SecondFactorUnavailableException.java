package com.ecommerce.users.mfa;

/** No key to encrypt or decrypt TOTP secrets is configured (production without users.mfa.encryption-keys). */
public class SecondFactorUnavailableException extends RuntimeException {

    public SecondFactorUnavailableException() {
        super("no users.mfa.encryption-keys", null, false, false);
    }
}
