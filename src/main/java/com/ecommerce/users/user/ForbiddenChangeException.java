package com.ecommerce.users.user;

/** The caller may see the account but not make this change to it, such as setting a role (HTTP 403). */
public class ForbiddenChangeException extends RuntimeException {

    public ForbiddenChangeException(String message) {
        super(message, null, false, false);
    }
}
