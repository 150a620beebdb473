package com.ecommerce.users.mailedlink;

/** What a mailed token may do; {@link #code} is its {@code purpose} in the account_tokens table. */
public enum LinkPurpose {
    VERIFY_EMAIL("verify-email"),
    RESET_PASSWORD("reset-password");

    public final String code;

    LinkPurpose(String code) {
        this.code = code;
    }
}
