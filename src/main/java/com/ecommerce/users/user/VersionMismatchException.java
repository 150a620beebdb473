package com.ecommerce.users.user;

/** The client's If-Match names a version the account no longer has (HTTP 412). */
public class VersionMismatchException extends RuntimeException {

    public VersionMismatchException() {
        super("Version mismatch", null, false, false);
    }
}
