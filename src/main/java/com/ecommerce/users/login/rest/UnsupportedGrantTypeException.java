package com.ecommerce.users.login.rest;

/** A grant_type other than refresh_token at /auth/token (passwords go to /auth/login). */
class UnsupportedGrantTypeException extends RuntimeException {

    UnsupportedGrantTypeException() {
        super("unsupported grant type", null, false, false);
    }
}
