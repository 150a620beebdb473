package com.ecommerce.users.login;

/**
 * Unknown email, wrong password or throttled address: deliberately one exception, answered with one body (HTTP 401),
 * so that a client cannot tell which.
 */
public class LoginFailedException extends RuntimeException {

    public LoginFailedException() {
        super("Login failed", null, false, false);
    }
}
