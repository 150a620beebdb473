package com.ecommerce.users.token;

/** What a mailed token may do; {@link #code} is its {@code purpose} in the account_tokens table. */
public enum TokenPurpose {
    VERIFY_EMAIL("verify-email"),
    RESET_PASSWORD("reset-password");

    public final String code;

    TokenPurpose(String code) {
        this.code = code;
    }
}
