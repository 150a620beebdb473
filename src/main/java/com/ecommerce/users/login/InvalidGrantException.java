package com.ecommerce.users.login;

/**
 * A refresh token that is unknown, expired, revoked or already used: RFC 6749's invalid_grant, one answer for all
 * (the client logs in again). Why it failed goes to the log and the audit log, not to the caller.
 */
public class InvalidGrantException extends RuntimeException {

    public InvalidGrantException() {
        super("invalid refresh token", null, false, false);
    }
}
