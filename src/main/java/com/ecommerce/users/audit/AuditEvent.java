package com.ecommerce.users.audit;

/** The security-relevant actions the audit log records; {@link #code} is the {@code event} field of the log line. */
public enum AuditEvent {
    ACCOUNT_REGISTERED("account.registered"),
    ACCOUNT_DELETED("account.deleted"),
    /** An admin disabled the account: no login, no refresh, every token ended. */
    ACCOUNT_DISABLED("account.disabled"),
    ACCOUNT_ENABLED("account.enabled"),
    LOGIN_SUCCEEDED("login.succeeded"),
    /** A wrong password, or an address no account has (then without an account id). */
    LOGIN_FAILED("login.failed"),
    /** A failed attempt that starts a lock: later attempts are refused, uncounted and unlogged, until it ends. */
    LOGIN_LOCKED("login.locked"),
    /** An admin lifted the login throttle's locks and counts of an account's address. */
    LOGIN_LOCK_LIFTED("login.lock-lifted"),
    /** A password check to confirm a change (password or email) failed. */
    REAUTHENTICATION_FAILED("reauthentication.failed"),
    /** An already-rotated refresh token came back: its whole session was revoked. */
    REFRESH_TOKEN_REUSED("refresh-token.reused"),
    /** A rotated refresh token came back within the grace window of its rotation: it got the same successor again. */
    REFRESH_TOKEN_RETRIED("refresh-token.retried"),
    LOGOUT("logout"),
    SESSION_ENDED("session.ended"),
    PASSWORD_CHANGED("password.changed"),
    PASSWORD_RECOVERY_REQUESTED("password.recovery-requested"),
    PASSWORD_RESET("password.reset"),
    EMAIL_CHANGED("email.changed"),
    EMAIL_VERIFICATION_SENT("email.verification-sent"),
    EMAIL_VERIFIED("email.verified"),
    /**
     * A mail not sent: its recipient address had reached its cap (detail: the kind of mail). For a recovery request
     * without an account id, whether or not an account has the address.
     */
    MAIL_HELD_BACK("mail.held-back"),
    ROLE_CHANGED("role.changed"),
    /** A TOTP secret handed out, not yet confirmed (a second one replaces it). */
    MFA_ENROLLED("mfa.enrolled"),
    /** A code confirmed the secret: from now on the account needs the second factor. */
    MFA_CONFIRMED("mfa.confirmed"),
    /** A recovery code stood in for a TOTP code (it is used up). */
    MFA_RECOVERY_CODE_USED("mfa.recovery-code-used"),
    MFA_RECOVERY_CODES_RENEWED("mfa.recovery-codes-renewed"),
    /** A wrong or replayed code, or a throttled attempt (detail: where). */
    MFA_FAILED("mfa.failed"),
    /** The second factor turned off, by the account or by an admin (the actor). */
    MFA_REMOVED("mfa.removed");

    public final String code;

    AuditEvent(String code) {
        this.code = code;
    }
}
