package com.ecommerce.users.account;

/** Another account already has this email address, in some letter case (HTTP 409). */
public class DuplicateEmailException extends RuntimeException {

    public DuplicateEmailException() {
        super("Email already registered", null, false, false);
    }
}
