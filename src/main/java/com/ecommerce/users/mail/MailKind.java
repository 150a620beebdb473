package com.ecommerce.users.mail;

/** The mails this service sends; {@link #code} names them in the held-back metric's tag and the audit log. */
public enum MailKind {
    /** A link that confirms an address: at registration, after an email change, on request. */
    VERIFICATION("verification"),
    /** A link that sets a new password: on a recovery request. */
    PASSWORD_RESET("password-reset");

    public final String code;

    MailKind(String code) {
        this.code = code;
    }
}
